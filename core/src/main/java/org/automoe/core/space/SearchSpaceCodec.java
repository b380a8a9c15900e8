package org.automoe.core.space;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.automoe.core.InvalidInputException;
import org.automoe.core.TextFiles;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a search space from a parsed tree (YAML or HOCON, both parse to maps and lists) and writes
 * one as YAML in the same layout, so {@code space show} output can be edited and read back.
 *
 * <p>Integer lists may be written as {@code [1, 2, 3]} or as a range string {@code "1..3"}.
 */
public final class SearchSpaceCodec {
  private static final Set<String> TOP_KEYS =
      Set.of("name", "qkv-dim", "vocab-size", "encoder", "decoder");
  private static final Set<String> ENCODER_KEYS =
      Set.of("embed-dims", "layers", "self-heads", "experts", "expert-widths");
  private static final Set<String> DECODER_KEYS =
      Set.of(
          "embed-dims",
          "layers",
          "self-heads",
          "cross-heads",
          "enc-dec-attention",
          "experts",
          "expert-widths");

  private SearchSpaceCodec() {}

  /** Reads a YAML space file; errors are one line starting with the file name. */
  public static SearchSpace readYaml(Path file) {
    String text = TextFiles.read(file, "a space file");
    try {
      return parseYaml(text);
    } catch (InvalidInputException e) {
      throw e.in(file.toString());
    }
  }

  /** Parses space YAML text, as {@link #toYaml} writes it (checkpoints store spaces this way). */
  public static SearchSpace parseYaml(String text) {
    Object tree;
    try {
      tree = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      String m = String.valueOf(e.getMessage());
      throw new InvalidInputException("not valid YAML: " + m.lines().findFirst().orElse(m));
    }
    return fromTree(tree);
  }

  /** Builds a space from a parsed tree; errors name the key and the bad value. */
  public static SearchSpace fromTree(Object root) {
    Map<String, Object> map = asMap("(top level)", root);
    requireKnownKeys("", map, TOP_KEYS);
    String name = string("name", map.get("name"));
    int qkv = integer("qkv-dim", require("qkv-dim", map));
    int vocab = integer("vocab-size", require("vocab-size", map));
    StackSpace encoder = stack("encoder", require("encoder", map), ENCODER_KEYS, false);
    StackSpace decoder = stack("decoder", require("decoder", map), DECODER_KEYS, true);
    return new SearchSpace(name, qkv, vocab, encoder, decoder);
  }

  /** The space as YAML, in the layout {@link #fromTree} reads. */
  public static String toYaml(SearchSpace space) {
    StringBuilder out = new StringBuilder();
    out.append("name: ").append(space.name()).append('\n');
    out.append("qkv-dim: ").append(space.qkvDim()).append('\n');
    out.append("vocab-size: ").append(space.vocabSize()).append('\n');
    appendStack(out, "encoder", space.encoder());
    appendStack(out, "decoder", space.decoder());
    return out.toString();
  }

  private static void appendStack(StringBuilder out, String side, StackSpace s) {
    out.append(side).append(":\n");
    Map<String, List<Integer>> fields = new LinkedHashMap<>();
    fields.put("embed-dims", s.embedDims());
    fields.put("layers", s.layerCounts());
    fields.put("self-heads", s.selfHeads());
    if (s.isDecoder()) {
      fields.put("cross-heads", s.crossHeads());
      fields.put("enc-dec-attention", s.encDecAttention());
    }
    fields.put("experts", s.expertCounts());
    fields.put("expert-widths", s.expertWidths());
    fields.forEach((k, v) -> out.append("  ").append(k).append(": ").append(v).append('\n'));
  }

  private static StackSpace stack(String side, Object node, Set<String> keys, boolean decoder) {
    Map<String, Object> map = asMap(side, node);
    requireKnownKeys(side + ".", map, keys);
    try {
      return new StackSpace(
          ints(side + ".embed-dims", require(side + ".embed-dims", map, "embed-dims")),
          ints(side + ".layers", require(side + ".layers", map, "layers")),
          ints(side + ".self-heads", require(side + ".self-heads", map, "self-heads")),
          decoder
              ? ints(side + ".cross-heads", require(side + ".cross-heads", map, "cross-heads"))
              : List.of(),
          decoder
              ? ints(
                  side + ".enc-dec-attention",
                  require(side + ".enc-dec-attention", map, "enc-dec-attention"))
              : List.of(),
          ints(side + ".experts", require(side + ".experts", map, "experts")),
          ints(side + ".expert-widths", require(side + ".expert-widths", map, "expert-widths")));
    } catch (InvalidInputException e) {
      if (e.getMessage().startsWith(side + ".")) {
        throw e;
      }
      throw new InvalidInputException(side + "." + e.getMessage(), e);
    }
  }

  private static Object require(String key, Map<String, Object> map) {
    return require(key, map, key);
  }

  private static Object require(String path, Map<String, Object> map, String key) {
    Object v = map.get(key);
    if (v == null) {
      throw new InvalidInputException(path + ": missing");
    }
    return v;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(String key, Object node) {
    if (!(node instanceof Map<?, ?> m)) {
      throw new InvalidInputException(
          key + ": expected a map of keys, but found " + describe(node));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static void requireKnownKeys(
      String prefix, Map<String, Object> map, Set<String> allowed) {
    for (String k : map.keySet()) {
      if (!allowed.contains(k)) {
        throw new InvalidInputException(
            prefix + k + ": unknown key; allowed here: " + new TreeSet<>(allowed));
      }
    }
  }

  private static String string(String key, Object v) {
    if (v == null) {
      throw new InvalidInputException(key + ": missing");
    }
    if (v instanceof Map || v instanceof List) {
      throw new InvalidInputException(key + ": expected a string, but found " + describe(v));
    }
    return String.valueOf(v);
  }

  static int integer(String key, Object v) {
    if (v instanceof Integer i) {
      return i;
    }
    if (v instanceof Long l && l == (int) (long) l) {
      return (int) (long) l;
    }
    if (v instanceof String s) {
      try {
        return Integer.parseInt(s.trim());
      } catch (NumberFormatException e) {
        // fall through to the error below
      }
    }
    throw new InvalidInputException(key + ": expected a whole number, but found " + describe(v));
  }

  private static List<Integer> ints(String key, Object v) {
    if (v instanceof String s && s.contains("..")) {
      String[] ends = s.split("\\.\\.", -1);
      if (ends.length == 2) {
        int from = integer(key, ends[0]);
        int to = integer(key, ends[1]);
        if (from <= to && (long) to - from >= Choices.MAX_CHOICES) {
          throw new InvalidInputException(
              key
                  + ": range '"
                  + s
                  + "' holds "
                  + ((long) to - from + 1)
                  + " values; a list holds at most "
                  + Choices.MAX_CHOICES);
        }
        if (from <= to) {
          List<Integer> out = new ArrayList<>();
          for (long i = from; i <= to; i++) { // long: "...2147483647" must not wrap around
            out.add((int) i);
          }
          return out;
        }
      }
      throw new InvalidInputException(
          key + ": expected a range like \"1..6\", but found '" + s + "'");
    }
    if (!(v instanceof List<?> list)) {
      return List.of(integer(key, v));
    }
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      out.add(integer(key + "[" + i + "]", list.get(i)));
    }
    return out;
  }

  static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof Map) {
      return "a map";
    }
    if (v instanceof List<?> l) {
      return "a list "
          + l.stream().map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    return String.valueOf(v);
  }
}
