package org.automoe.core.arch;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.StackSpace;

/** Checks that an architecture lies inside a search space; each violation names its YAML key. */
public final class SpaceCheck {
  private SpaceCheck() {}

  /** Every way {@code arch} leaves {@code space}; empty when it lies inside. */
  public static List<String> violations(SearchSpace space, Architecture arch) {
    List<String> out = new ArrayList<>();
    StackSpace enc = space.encoder();
    StackSpace dec = space.decoder();
    String in = " (space '" + space.name() + "' allows ";
    check(out, ArchField.ENCODER_EMBED_DIM.key(), arch.encoderEmbedDim(), enc.embedDims(), in);
    check(out, ArchField.DECODER_EMBED_DIM.key(), arch.decoderEmbedDim(), dec.embedDims(), in);
    check(out, ArchField.ENCODER_LAYERS.key(), arch.encoderLayerCount(), enc.layerCounts(), in);
    check(out, ArchField.DECODER_LAYERS.key(), arch.decoderLayerCount(), dec.layerCounts(), in);
    for (int i = 0; i < arch.encoderLayerCount(); i++) {
      EncoderLayer l = arch.encoderLayers().get(i);
      check(out, ArchField.ENCODER_SELF_HEADS.at(i), l.selfHeads(), enc.selfHeads(), in);
      check(out, ArchField.ENCODER_EXPERTS.at(i), l.experts(), enc.expertCounts(), in);
      checkWidths(
          out, ArchField.ENCODER_EXPERT_WIDTHS, i, l.expertWidths(), enc.expertWidths(), in);
    }
    for (int i = 0; i < arch.decoderLayerCount(); i++) {
      DecoderLayer l = arch.decoderLayers().get(i);
      check(out, ArchField.DECODER_SELF_HEADS.at(i), l.selfHeads(), dec.selfHeads(), in);
      check(out, ArchField.DECODER_CROSS_HEADS.at(i), l.crossHeads(), dec.crossHeads(), in);
      check(
          out,
          ArchField.DECODER_ENC_DEC_ATTENTION.at(i),
          l.encDecAttention(),
          dec.encDecAttention(),
          in);
      check(out, ArchField.DECODER_EXPERTS.at(i), l.experts(), dec.expertCounts(), in);
      checkWidths(
          out, ArchField.DECODER_EXPERT_WIDTHS, i, l.expertWidths(), dec.expertWidths(), in);
      if (l.attendedEncoderLayers() > arch.encoderLayerCount()) {
        out.add(
            ArchField.DECODER_ENC_DEC_ATTENTION.at(i)
                + ": code "
                + l.encDecAttention()
                + " attends to "
                + l.attendedEncoderLayers()
                + " encoder layers, but there are only "
                + arch.encoderLayerCount());
      }
    }
    return out;
  }

  /** Throws a one-line error naming the first violation (and how many more there are). */
  public static void requireInside(SearchSpace space, Architecture arch) {
    List<String> v = violations(space, arch);
    if (!v.isEmpty()) {
      String more = v.size() > 1 ? " (and " + (v.size() - 1) + " more)" : "";
      throw new InvalidInputException(v.get(0) + more);
    }
  }

  public static boolean isInside(SearchSpace space, Architecture arch) {
    return violations(space, arch).isEmpty();
  }

  private static void check(
      List<String> out, String key, int value, List<Integer> allowed, String in) {
    if (!allowed.contains(value)) {
      out.add(key + ": " + value + " is outside the space" + in + allowed + ")");
    }
  }

  private static void checkWidths(
      List<String> out,
      ArchField field,
      int layer,
      List<Integer> widths,
      List<Integer> allowed,
      String in) {
    for (int w : widths) {
      if (!allowed.contains(w)) {
        out.add(
            field.at(layer) + ": expert width " + w + " is outside the space" + in + allowed + ")");
        return;
      }
    }
  }
}
