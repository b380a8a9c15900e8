package org.automoe.actors.wire;

import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.StackSpace;
import org.automoe.proto.SearchSpaceProto;
import org.automoe.proto.StackSpaceProto;

/** {@link SearchSpace} and {@link SearchSpaceProto}. */
public final class SearchSpaceMapper {
  private SearchSpaceMapper() {}

  public static SearchSpaceProto toProto(SearchSpace s) {
    return SearchSpaceProto.newBuilder()
        .setName(s.name())
        .setQkvDim(s.qkvDim())
        .setVocabSize(s.vocabSize())
        .setEncoder(toProto(s.encoder()))
        .setDecoder(toProto(s.decoder()))
        .build();
  }

  public static SearchSpace fromProto(SearchSpaceProto p) {
    Wire.require(p.hasEncoder(), "SearchSpaceProto", "encoder");
    Wire.require(p.hasDecoder(), "SearchSpaceProto", "decoder");
    StackSpace encoder = fromProto("SearchSpaceProto.encoder", p.getEncoder());
    StackSpace decoder = fromProto("SearchSpaceProto.decoder", p.getDecoder());
    return Wire.build(
        "SearchSpaceProto",
        () -> new SearchSpace(p.getName(), p.getQkvDim(), p.getVocabSize(), encoder, decoder));
  }

  static StackSpaceProto toProto(StackSpace s) {
    return StackSpaceProto.newBuilder()
        .addAllEmbedDims(s.embedDims())
        .addAllLayerCounts(s.layerCounts())
        .addAllSelfHeads(s.selfHeads())
        .addAllCrossHeads(s.crossHeads())
        .addAllEncDecAttention(s.encDecAttention())
        .addAllExpertCounts(s.expertCounts())
        .addAllExpertWidths(s.expertWidths())
        .build();
  }

  static StackSpace fromProto(String where, StackSpaceProto p) {
    return Wire.build(
        where,
        () ->
            new StackSpace(
                p.getEmbedDimsList(),
                p.getLayerCountsList(),
                p.getSelfHeadsList(),
                p.getCrossHeadsList(),
                p.getEncDecAttentionList(),
                p.getExpertCountsList(),
                p.getExpertWidthsList()));
  }
}
