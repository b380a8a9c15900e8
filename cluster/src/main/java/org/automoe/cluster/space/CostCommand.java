package org.automoe.cluster.space;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Units;
import org.automoe.core.InvalidInputException;
import org.automoe.core.TextFiles;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.cost.CostModel;
import org.automoe.core.cost.CostReport;
import org.automoe.core.cost.CostSettings;
import org.automoe.core.cost.ExpertRouting;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe cost --arch FILE}: exact params and FLOPs of an architecture file under HAT's
 * conventions. Without {@code --space} the first built-in space containing the architecture is used
 * (paper, then small, then tiny); its qkv width and vocabulary enter the figures.
 */
@Command(
    name = "cost",
    mixinStandardHelpOptions = true,
    description = "Params and FLOPs of a HAT/AutoMoE architecture file (HAT's conventions).")
public final class CostCommand implements Runnable {
  @Option(names = "--arch", required = true, description = "subtransformer YAML file")
  Path arch;

  @Option(
      names = "--space",
      description = "paper, paper:M, small, tiny, or a space file (default: detect)")
  String space;

  @Option(names = "--vocab", description = "vocabulary size (default: the space's)")
  Integer vocab;

  @Option(
      names = "--src-len",
      defaultValue = "30",
      description = "source tokens (default: ${DEFAULT-VALUE})")
  int sourceLength;

  @Option(
      names = "--tgt-len",
      defaultValue = "30",
      description = "target tokens (default: ${DEFAULT-VALUE})")
  int targetLength;

  @Option(names = "--json", description = "print one JSON object")
  boolean json;

  @Override
  public void run() {
    String text = TextFiles.read(arch, "an architecture file");
    SearchSpace s = space != null ? SpaceFiles.resolve(space) : detect(text);
    Architecture a = parse(text, s);
    CostSettings settings =
        new CostSettings(
            s.qkvDim(),
            vocab != null ? vocab : s.vocabSize(),
            sourceLength,
            targetLength,
            ExpertRouting.UNIFORM);
    CostReport r = new CostModel(settings).cost(a);
    System.out.println(
        json ? Json.write(CostJson.of(arch, s, settings, a, r)) : human(s, settings, a, r));
  }

  private Architecture parse(String text, SearchSpace s) {
    try {
      return HatYamlCodec.parse(text, s);
    } catch (InvalidInputException e) {
      throw e.in(arch.toString());
    }
  }

  private SearchSpace detect(String text) {
    InvalidInputException first = null;
    for (String name : BuiltInSpaces.NAMES) {
      SearchSpace s = BuiltInSpaces.byName(name);
      try {
        parse(text, s);
        return s;
      } catch (InvalidInputException e) {
        if (first == null) {
          first = e;
        }
        if (!e.getMessage().contains("is outside the space")) {
          throw e; // malformed file: the same error in every space
        }
      }
    }
    throw new InvalidInputException(
        first.getMessage()
            + "; no built-in space contains it: pass --space paper:M (more experts) or --space FILE");
  }

  /**
   * The {@code --json} object: which architecture in which space, its cost figures, and the
   * settings they assume. Scripts (and CI) match the key order, so it is fixed here.
   */
  record CostJson(
      String arch,
      String space,
      String key,
      long paramsNonEmbedding,
      long paramsTotal,
      long paramsActive,
      long flops,
      long flopsWithOutput,
      long encoderFlops,
      long decoderFlops,
      String routing,
      int qkvDim,
      int vocabSize,
      int sourceLength,
      int targetLength,
      int moeLayers) {
    static CostJson of(Path file, SearchSpace s, CostSettings c, Architecture a, CostReport r) {
      return new CostJson(
          file.toString(),
          s.name(),
          a.key(),
          r.paramsNonEmbedding(),
          r.paramsTotal(),
          r.paramsActive(),
          r.flops(),
          r.flopsWithOutput(),
          r.encoderFlops(),
          r.decoderFlops(),
          r.routing(),
          c.qkvDim(),
          c.vocabSize(),
          c.sourceLength(),
          c.targetLength(),
          CostCommand.moeLayers(a));
    }
  }

  private String human(SearchSpace s, CostSettings c, Architecture a, CostReport r) {
    int moe = moeLayers(a);
    String shape =
        String.format(
            Locale.ROOT,
            "encoder %d wide x %s, decoder %d wide x %s, %s",
            a.encoderEmbedDim(),
            layers(a.encoderLayerCount()),
            a.decoderEmbedDim(),
            layers(a.decoderLayerCount()),
            moe == 0 ? "dense" : moe + " MoE " + (moe == 1 ? "layer" : "layers"));
    return String.join(
        "\n",
        List.of(
            "architecture  " + arch,
            "space         "
                + s.name()
                + " (qkv "
                + c.qkvDim()
                + ", vocabulary "
                + c.vocabSize()
                + ")",
            "shape         " + shape,
            "params        "
                + Units.millions(r.paramsNonEmbedding())
                + " non-embedding, "
                + Units.millions(r.paramsTotal())
                + " total, "
                + Units.millions(r.paramsActive())
                + " active per token",
            "FLOPs         "
                + Units.giga(r.flops())
                + " (encoder "
                + Units.giga(r.encoderFlops())
                + ", decoder "
                + Units.giga(r.decoderFlops())
                + "), "
                + Units.giga(r.flopsWithOutput())
                + " with output projection",
            "conventions   batch 1, "
                + c.sourceLength()
                + " source and "
                + c.targetLength()
                + " target tokens, FLOPs = 2 x MACs, "
                + r.routing()
                + " expert routing",
            "key           " + a.key()));
  }

  private static String layers(int n) {
    return n + (n == 1 ? " layer" : " layers");
  }

  private static int moeLayers(Architecture a) {
    return (int)
        (a.encoderLayers().stream().filter(l -> l.experts() > 1).count()
            + a.decoderLayers().stream().filter(l -> l.experts() > 1).count());
  }
}
