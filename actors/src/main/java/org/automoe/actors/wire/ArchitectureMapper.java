package org.automoe.actors.wire;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;
import org.automoe.proto.ArchitectureProto;
import org.automoe.proto.DecoderLayerProto;
import org.automoe.proto.EncoderLayerProto;

/** {@link Architecture} and {@link ArchitectureProto}. */
public final class ArchitectureMapper {
  private ArchitectureMapper() {}

  public static ArchitectureProto toProto(Architecture a) {
    ArchitectureProto.Builder b =
        ArchitectureProto.newBuilder()
            .setEncoderEmbedDim(a.encoderEmbedDim())
            .setDecoderEmbedDim(a.decoderEmbedDim());
    for (EncoderLayer l : a.encoderLayers()) {
      b.addEncoderLayers(
          EncoderLayerProto.newBuilder()
              .setSelfHeads(l.selfHeads())
              .addAllExpertWidths(l.expertWidths()));
    }
    for (DecoderLayer l : a.decoderLayers()) {
      b.addDecoderLayers(
          DecoderLayerProto.newBuilder()
              .setSelfHeads(l.selfHeads())
              .setCrossHeads(l.crossHeads())
              .setEncDecAttention(l.encDecAttention())
              .addAllExpertWidths(l.expertWidths()));
    }
    return b.build();
  }

  public static Architecture fromProto(ArchitectureProto p) {
    List<EncoderLayer> encoder = new ArrayList<>(p.getEncoderLayersCount());
    for (int i = 0; i < p.getEncoderLayersCount(); i++) {
      EncoderLayerProto l = p.getEncoderLayers(i);
      encoder.add(
          Wire.build(
              "ArchitectureProto.encoder_layers[" + i + "]",
              () -> new EncoderLayer(l.getSelfHeads(), l.getExpertWidthsList())));
    }
    List<DecoderLayer> decoder = new ArrayList<>(p.getDecoderLayersCount());
    for (int i = 0; i < p.getDecoderLayersCount(); i++) {
      DecoderLayerProto l = p.getDecoderLayers(i);
      decoder.add(
          Wire.build(
              "ArchitectureProto.decoder_layers[" + i + "]",
              () ->
                  new DecoderLayer(
                      l.getSelfHeads(),
                      l.getCrossHeads(),
                      l.getEncDecAttention(),
                      l.getExpertWidthsList())));
    }
    return Wire.build(
        "ArchitectureProto",
        () -> new Architecture(p.getEncoderEmbedDim(), p.getDecoderEmbedDim(), encoder, decoder));
  }
}
