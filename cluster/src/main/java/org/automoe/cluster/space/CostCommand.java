package org.automoe.cluster.space;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
    System.out.println(json ? Json.write(asMap(s, settings, a, r)) : human(s, settings, a, r));
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

  private Map<String, Object> asMap(SearchSpace s, CostSettings c, Architecture a, CostReport r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("arch", arch.toString());
    m.put("space", s.name());
    m.put("key", a.key());
    m.put("paramsNonEmbedding", r.paramsNonEmbedding());
    m.put("paramsTotal", r.paramsTotal());
    m.put("paramsActive", r.paramsActive());
    m.put("flops", r.flops());
    m.put("flopsWithOutput", r.flopsWithOutput());
    m.put("encoderFlops", r.encoderFlops());
    m.put("decoderFlops", r.decoderFlops());
    m.put("routing", r.routing());
    m.put("qkvDim", c.qkvDim());
    m.put("vocabSize", c.vocabSize());
    m.put("sourceLength", c.sourceLength());
    m.put("targetLength", c.targetLength());
    m.put("moeLayers", moeLayers(a));
    return m;
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
