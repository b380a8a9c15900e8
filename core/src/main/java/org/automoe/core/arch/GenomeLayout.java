package org.automoe.core.arch;

import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.StackSpace;

/**
 * What each gene of a {@link Genome} means in one search space, and the translation between genomes
 * and architectures.
 *
 * <p>Order: encoder embed, decoder embed, encoder depth, decoder depth; per encoder slot its heads,
 * then its expert count; per decoder slot its self heads, cross heads, encoder-decoder code, then
 * its expert count. Expert-width lists: encoder slots first, then decoder slots.
 */
public final class GenomeLayout {
  private static final int ENCODER_EMBED = 0;
  private static final int DECODER_EMBED = 1;
  private static final int ENCODER_DEPTH = 2;
  private static final int DECODER_DEPTH = 3;
  private static final int FIRST_LAYER_GENE = 4;

  private final SearchSpace space;
  private final int encoderSlots;
  private final int decoderSlots;
  private final List<List<Integer>> choices;

  public GenomeLayout(SearchSpace space) {
    this.space = space;
    this.encoderSlots = space.encoder().maxLayers();
    this.decoderSlots = space.decoder().maxLayers();
    StackSpace enc = space.encoder();
    StackSpace dec = space.decoder();
    List<List<Integer>> c = new ArrayList<>();
    c.add(enc.embedDims());
    c.add(dec.embedDims());
    c.add(enc.layerCounts());
    c.add(dec.layerCounts());
    addSlots(c, encoderSlots, enc.selfHeads());
    addSlots(c, encoderSlots, enc.expertCounts());
    addSlots(c, decoderSlots, dec.selfHeads());
    addSlots(c, decoderSlots, dec.crossHeads());
    addSlots(c, decoderSlots, dec.encDecAttention());
    addSlots(c, decoderSlots, dec.expertCounts());
    this.choices = List.copyOf(c);
  }

  public SearchSpace space() {
    return space;
  }

  /** Number of flat genes. */
  public int geneCount() {
    return choices.size();
  }

  /** Number of expert-width lists (one per layer slot). */
  public int widthListCount() {
    return encoderSlots + decoderSlots;
  }

  /** The values gene {@code gene} may take. */
  public List<Integer> choices(int gene) {
    return choices.get(gene);
  }

  /** The widths the experts of width list {@code list} may take. */
  public List<Integer> widthChoices(int list) {
    return list < encoderSlots ? space.encoder().expertWidths() : space.decoder().expertWidths();
  }

  /** The gene holding the expert count of width list {@code list}. */
  public int expertCountGene(int list) {
    return list < encoderSlots ? encExperts(list) : decExperts(list - encoderSlots);
  }

  /** The architecture a genome encodes; genes of slots beyond the depth are ignored. */
  public Architecture decode(Genome g) {
    requireValid(g);
    List<Integer> v = g.genes();
    int encDepth = v.get(ENCODER_DEPTH);
    int decDepth = v.get(DECODER_DEPTH);
    List<EncoderLayer> encoder = new ArrayList<>(encDepth);
    for (int i = 0; i < encDepth; i++) {
      encoder.add(new EncoderLayer(v.get(encHeads(i)), g.expertWidths().get(i)));
    }
    List<DecoderLayer> decoder = new ArrayList<>(decDepth);
    for (int i = 0; i < decDepth; i++) {
      decoder.add(
          new DecoderLayer(
              v.get(decSelf(i)),
              v.get(decCross(i)),
              v.get(decCode(i)),
              g.expertWidths().get(encoderSlots + i)));
    }
    return new Architecture(v.get(ENCODER_EMBED), v.get(DECODER_EMBED), encoder, decoder);
  }

  /**
   * A genome for an architecture of this space; slots beyond its depth repeat its last layer, so
   * the encoding is deterministic.
   */
  public Genome encode(Architecture a) {
    SpaceCheck.requireInside(space, a);
    Integer[] genes = new Integer[geneCount()];
    genes[ENCODER_EMBED] = a.encoderEmbedDim();
    genes[DECODER_EMBED] = a.decoderEmbedDim();
    genes[ENCODER_DEPTH] = a.encoderLayerCount();
    genes[DECODER_DEPTH] = a.decoderLayerCount();
    List<List<Integer>> widths = new ArrayList<>();
    for (int i = 0; i < encoderSlots; i++) {
      EncoderLayer l = a.encoderLayers().get(Math.min(i, a.encoderLayerCount() - 1));
      genes[encHeads(i)] = l.selfHeads();
      genes[encExperts(i)] = l.experts();
      widths.add(l.expertWidths());
    }
    for (int i = 0; i < decoderSlots; i++) {
      DecoderLayer l = a.decoderLayers().get(Math.min(i, a.decoderLayerCount() - 1));
      genes[decSelf(i)] = l.selfHeads();
      genes[decCross(i)] = l.crossHeads();
      genes[decCode(i)] = l.encDecAttention();
      genes[decExperts(i)] = l.experts();
      widths.add(l.expertWidths());
    }
    return new Genome(List.of(genes), widths);
  }

  /** Throws when a gene is outside its choices or a width list disagrees with its count. */
  public void requireValid(Genome g) {
    if (g.genes().size() != geneCount() || g.expertWidths().size() != widthListCount()) {
      throw new InvalidInputException(
          "genome has "
              + g.genes().size()
              + " genes and "
              + g.expertWidths().size()
              + " width lists, but space '"
              + space.name()
              + "' needs "
              + geneCount()
              + " and "
              + widthListCount());
    }
    for (int i = 0; i < geneCount(); i++) {
      if (!choices(i).contains(g.genes().get(i))) {
        throw new InvalidInputException(
            "gene " + i + " is " + g.genes().get(i) + ", outside its choices " + choices(i));
      }
    }
    for (int j = 0; j < widthListCount(); j++) {
      List<Integer> w = g.expertWidths().get(j);
      int count = g.genes().get(expertCountGene(j));
      if (w.size() != count || !widthChoices(j).containsAll(w)) {
        throw new InvalidInputException(
            "width list "
                + j
                + " is "
                + w
                + ", but needs "
                + count
                + " widths from "
                + widthChoices(j));
      }
    }
  }

  private int encHeads(int i) {
    return FIRST_LAYER_GENE + i;
  }

  private int encExperts(int i) {
    return FIRST_LAYER_GENE + encoderSlots + i;
  }

  private int decSelf(int i) {
    return FIRST_LAYER_GENE + 2 * encoderSlots + i;
  }

  private int decCross(int i) {
    return FIRST_LAYER_GENE + 2 * encoderSlots + decoderSlots + i;
  }

  private int decCode(int i) {
    return FIRST_LAYER_GENE + 2 * encoderSlots + 2 * decoderSlots + i;
  }

  private int decExperts(int i) {
    return FIRST_LAYER_GENE + 2 * encoderSlots + 3 * decoderSlots + i;
  }

  private static void addSlots(List<List<Integer>> c, int slots, List<Integer> values) {
    for (int i = 0; i < slots; i++) {
      c.add(values);
    }
  }
}
