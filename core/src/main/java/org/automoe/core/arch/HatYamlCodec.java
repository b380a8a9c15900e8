package org.automoe.core.arch;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.automoe.core.InvalidInputException;
import org.automoe.core.TextFiles;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.StackSpace;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads and writes HAT/AutoMoE subtransformer YAML files.
 *
 * <p>Reading accepts HAT's dense files (no expert keys: one expert per layer of the FFN width) and
 * AutoMoE's files ({@code *-n-experts}, {@code *-each-expert-ffn-dim-listoflist} with entries like
 * {@code '2048_1024_3072'}). Per-layer lists hold one entry per layer, or HAT's padding to the
 * space's maximum depth. When expert widths are given, the layer FFN width is not part of the
 * architecture (AutoMoE's fractional experts make it unused).
 *
 * <p>Writing emits both HAT's keys and AutoMoE's, one entry per layer; the FFN width of a layer is
 * written as its widest expert, which is exact for dense layers.
 */
public final class HatYamlCodec {
  private HatYamlCodec() {}

  /** Reads a file; errors are one line starting with the file name. */
  public static Architecture read(Path file, SearchSpace space) {
    String text = TextFiles.read(file, "an architecture file");
    try {
      return parse(text, space);
    } catch (InvalidInputException e) {
      throw e.in(file.toString());
    }
  }

  /** Parses YAML text and checks the result lies in {@code space}. */
  public static Architecture parse(String text, SearchSpace space) {
    Map<ArchField, Object> values = fields(load(text));
    Architecture arch = new Reader(values, space).architecture();
    SpaceCheck.requireInside(space, arch);
    return arch;
  }

  /** The architecture as a subtransformer YAML file readable by HAT, AutoMoE and {@link #parse}. */
  public static String write(Architecture a) {
    List<EncoderLayer> enc = a.encoderLayers();
    List<DecoderLayer> dec = a.decoderLayers();
    StringBuilder out = new StringBuilder();
    line(out, ArchField.ENCODER_EMBED_DIM, String.valueOf(a.encoderEmbedDim()));
    line(out, ArchField.DECODER_EMBED_DIM, String.valueOf(a.decoderEmbedDim()));
    out.append('\n');
    line(out, ArchField.ENCODER_FFN, flow(enc.size(), i -> max(enc.get(i).expertWidths())));
    line(out, ArchField.DECODER_FFN, flow(dec.size(), i -> max(dec.get(i).expertWidths())));
    out.append('\n');
    line(out, ArchField.ENCODER_LAYERS, String.valueOf(enc.size()));
    line(out, ArchField.DECODER_LAYERS, String.valueOf(dec.size()));
    out.append('\n');
    line(out, ArchField.ENCODER_SELF_HEADS, flow(enc.size(), i -> enc.get(i).selfHeads()));
    line(out, ArchField.DECODER_SELF_HEADS, flow(dec.size(), i -> dec.get(i).selfHeads()));
    line(out, ArchField.DECODER_CROSS_HEADS, flow(dec.size(), i -> dec.get(i).crossHeads()));
    out.append('\n');
    out.append("# -1, 1, 2: attend to the last 1, 2, 3 encoder layers\n");
    line(
        out,
        ArchField.DECODER_ENC_DEC_ATTENTION,
        flow(dec.size(), i -> dec.get(i).encDecAttention()));
    out.append('\n');
    line(out, ArchField.ENCODER_EXPERTS, flow(enc.size(), i -> enc.get(i).experts()));
    line(out, ArchField.DECODER_EXPERTS, flow(dec.size(), i -> dec.get(i).experts()));
    line(
        out,
        ArchField.ENCODER_EXPERT_WIDTHS,
        listOfList(enc.stream().map(EncoderLayer::expertWidths).toList()));
    line(
        out,
        ArchField.DECODER_EXPERT_WIDTHS,
        listOfList(dec.stream().map(DecoderLayer::expertWidths).toList()));
    return out.toString();
  }

  private static Object load(String text) {
    try {
      Object root = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
      if (root == null) {
        throw new InvalidInputException("empty file: expected HAT/AutoMoE subtransformer keys");
      }
      return root;
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new InvalidInputException("not valid YAML at line " + line + ": " + e.getProblem());
    } catch (YAMLException e) {
      throw new InvalidInputException("not valid YAML: " + firstLine(e.getMessage()));
    }
  }

  private static Map<ArchField, Object> fields(Object root) {
    if (!(root instanceof Map<?, ?> map)) {
      throw new InvalidInputException(
          "expected HAT/AutoMoE subtransformer keys (key: value lines), but the file holds "
              + (root instanceof List ? "a list" : "a single value"));
    }
    Map<ArchField, Object> out = new EnumMap<>(ArchField.class);
    for (Map.Entry<?, ?> e : map.entrySet()) {
      String key = String.valueOf(e.getKey());
      ArchField field =
          Arrays.stream(ArchField.values())
              .filter(f -> f.key().equals(key))
              .findFirst()
              .orElseThrow(
                  () ->
                      new InvalidInputException(
                          key
                              + ": unknown key; expected HAT/AutoMoE subtransformer keys such as "
                              + ArchField.ENCODER_EMBED_DIM.key()));
      out.put(field, e.getValue());
    }
    return out;
  }

  /** Turns the raw key values into an architecture, naming the key of every problem. */
  private static final class Reader {
    private final Map<ArchField, Object> values;
    private final SearchSpace space;

    Reader(Map<ArchField, Object> values, SearchSpace space) {
      this.values = values;
      this.space = space;
    }

    Architecture architecture() {
      int encDim = positive(ArchField.ENCODER_EMBED_DIM, required(ArchField.ENCODER_EMBED_DIM));
      int decDim = positive(ArchField.DECODER_EMBED_DIM, required(ArchField.DECODER_EMBED_DIM));
      int encCount = layerCount(ArchField.ENCODER_LAYERS);
      int decCount = layerCount(ArchField.DECODER_LAYERS);
      StackSpace enc = space.encoder();
      StackSpace dec = space.decoder();
      List<Integer> encHeads =
          perLayer(ArchField.ENCODER_SELF_HEADS, ArchField.ENCODER_LAYERS, encCount, enc);
      List<List<Integer>> encWidths =
          expertWidths(
              ArchField.ENCODER_FFN,
              ArchField.ENCODER_EXPERTS,
              ArchField.ENCODER_EXPERT_WIDTHS,
              ArchField.ENCODER_EXPERTS_TO_ROUTE,
              ArchField.ENCODER_LAYERS,
              encCount,
              enc);
      List<Integer> decHeads =
          perLayer(ArchField.DECODER_SELF_HEADS, ArchField.DECODER_LAYERS, decCount, dec);
      List<Integer> decCross =
          perLayer(ArchField.DECODER_CROSS_HEADS, ArchField.DECODER_LAYERS, decCount, dec);
      List<Integer> decCodes =
          perLayer(ArchField.DECODER_ENC_DEC_ATTENTION, ArchField.DECODER_LAYERS, decCount, dec);
      for (int i = 0; i < decCount; i++) {
        if (!StackSpace.ENC_DEC_CODES.contains(decCodes.get(i))) {
          throw new InvalidInputException(
              ArchField.DECODER_ENC_DEC_ATTENTION.at(i)
                  + ": must be -1, 1 or 2 (attend to the last 1, 2, 3 encoder layers), but was "
                  + decCodes.get(i));
        }
      }
      List<List<Integer>> decWidths =
          expertWidths(
              ArchField.DECODER_FFN,
              ArchField.DECODER_EXPERTS,
              ArchField.DECODER_EXPERT_WIDTHS,
              ArchField.DECODER_EXPERTS_TO_ROUTE,
              ArchField.DECODER_LAYERS,
              decCount,
              dec);
      // Every value was checked under its own key above, so the records cannot reject them.
      List<EncoderLayer> encoder = new ArrayList<>();
      for (int i = 0; i < encCount; i++) {
        encoder.add(new EncoderLayer(encHeads.get(i), encWidths.get(i)));
      }
      List<DecoderLayer> decoder = new ArrayList<>();
      for (int i = 0; i < decCount; i++) {
        decoder.add(
            new DecoderLayer(decHeads.get(i), decCross.get(i), decCodes.get(i), decWidths.get(i)));
      }
      return new Architecture(encDim, decDim, encoder, decoder);
    }

    private int layerCount(ArchField field) {
      int n = integer(field, required(field));
      if (n < 1) {
        throw new InvalidInputException(field.key() + ": must be at least 1, but was " + n);
      }
      return n;
    }

    /** A per-layer list, cut to the layer count; HAT pads lists to the space's maximum depth. */
    private List<Integer> perLayer(
        ArchField field, ArchField countField, int count, StackSpace stack) {
      List<?> raw = list(field, required(field));
      checkLength(field, countField, count, stack, raw.size());
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        int v = integer(field, i, raw.get(i));
        if (v < 1 && field != ArchField.DECODER_ENC_DEC_ATTENTION) {
          throw new InvalidInputException(field.at(i) + ": must be positive, but was " + v);
        }
        out.add(v);
      }
      return out;
    }

    private void checkLength(
        ArchField field, ArchField countField, int count, StackSpace stack, int size) {
      if (size < count) {
        throw new InvalidInputException(
            field.key() + ": has " + size + " entries, but " + countField.key() + " is " + count);
      }
      if (size > count && size != stack.maxLayers()) {
        throw new InvalidInputException(
            field.key()
                + ": has "
                + size
                + " entries, but "
                + countField.key()
                + " is "
                + count
                + " (give one entry per layer, or pad to the space's maximum of "
                + stack.maxLayers()
                + ")");
      }
    }

    private List<List<Integer>> expertWidths(
        ArchField ffn,
        ArchField experts,
        ArchField listOfList,
        ArchField toRoute,
        ArchField countField,
        int count,
        StackSpace stack) {
      if (values.containsKey(toRoute)) {
        List<Integer> k = perLayer(toRoute, countField, count, stack);
        for (int i = 0; i < count; i++) {
          if (k.get(i) != 1) {
            throw new InvalidInputException(
                toRoute.at(i)
                    + ": "
                    + k.get(i)
                    + " experts per token; only top-1 routing is supported");
          }
        }
      }
      List<Integer> counts =
          values.containsKey(experts)
              ? perLayer(experts, countField, count, stack)
              : nCopies(count, 1);
      for (int i = 0; i < count; i++) {
        if (counts.get(i) < 1) {
          throw new InvalidInputException(
              experts.at(i) + ": must be at least 1, but was " + counts.get(i));
        }
      }
      List<List<Integer>> out = new ArrayList<>();
      if (values.containsKey(listOfList)) {
        List<?> raw = list(listOfList, values.get(listOfList));
        checkLength(listOfList, countField, count, stack, raw.size());
        if (values.containsKey(ffn)) {
          perLayer(ffn, countField, count, stack); // still checked for shape, though unused
        }
        for (int i = 0; i < count; i++) {
          List<Integer> widths = widthEntry(listOfList, i, raw.get(i));
          if (widths.size() != counts.get(i)) {
            throw new InvalidInputException(
                listOfList.at(i)
                    + ": lists "
                    + widths.size()
                    + " expert widths, but "
                    + experts.at(i)
                    + " is "
                    + counts.get(i));
          }
          out.add(widths);
        }
        return out;
      }
      if (!values.containsKey(ffn)) {
        throw new InvalidInputException(
            ffn.key() + ": missing (give it, or " + listOfList.key() + ")");
      }
      List<Integer> widths = perLayer(ffn, countField, count, stack);
      for (int i = 0; i < count; i++) {
        out.add(nCopies(counts.get(i), widths.get(i)));
      }
      return out;
    }

    /** One entry of a list-of-lists: {@code '2048_1024'}, a bare number, or a YAML list. */
    private List<Integer> widthEntry(ArchField field, int layer, Object entry) {
      List<Integer> widths = parseWidths(field, layer, entry);
      if (widths.isEmpty() || widths.stream().anyMatch(w -> w < 1)) {
        throw new InvalidInputException(
            field.at(layer) + ": expert widths must be positive, but were " + widths);
      }
      return widths;
    }

    private List<Integer> parseWidths(ArchField field, int layer, Object entry) {
      if (entry instanceof List<?> l) {
        List<Integer> out = new ArrayList<>();
        for (Object o : l) {
          out.add(integer(field, layer, o));
        }
        return out;
      }
      if (entry instanceof Integer i) {
        return List.of(i);
      }
      if (entry instanceof String s && s.matches("\\s*\\d+(\\s*_\\s*\\d+)*\\s*")) {
        return Arrays.stream(s.trim().split("\\s*_\\s*")).map(Integer::parseInt).toList();
      }
      throw new InvalidInputException(
          field.at(layer)
              + ": expected expert widths like '2048_1024', but found "
              + describe(entry));
    }

    private Object required(ArchField field) {
      Object v = values.get(field);
      if (v == null) {
        throw new InvalidInputException(field.key() + ": missing");
      }
      return v;
    }
  }

  private static List<?> list(ArchField field, Object v) {
    if (v instanceof List<?> l) {
      return l;
    }
    throw new InvalidInputException(
        field.key() + ": expected a list like [8, 8], but found " + describe(v));
  }

  private static int positive(ArchField field, Object v) {
    int n = integer(field, v);
    if (n < 1) {
      throw new InvalidInputException(field.key() + ": must be positive, but was " + n);
    }
    return n;
  }

  private static int integer(ArchField field, Object v) {
    if (v instanceof Integer i) {
      return i;
    }
    throw new InvalidInputException(
        field.key() + ": expected a whole number, but found " + describe(v));
  }

  private static int integer(ArchField field, int layer, Object v) {
    if (v instanceof Integer i) {
      return i;
    }
    throw new InvalidInputException(
        field.at(layer) + ": expected a whole number, but found " + describe(v));
  }

  private static String describe(Object v) {
    if (v == null) {
      return "nothing";
    }
    if (v instanceof String) {
      return "'" + v + "'";
    }
    if (v instanceof Map) {
      return "a map";
    }
    return String.valueOf(v);
  }

  private static List<Integer> nCopies(int n, int value) {
    return Collections.nCopies(n, value);
  }

  private static void line(StringBuilder out, ArchField field, String value) {
    out.append(field.key()).append(": ").append(value).append('\n');
  }

  private static String flow(int n, IntFunction<Integer> value) {
    List<String> items = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      items.add(String.valueOf(value.apply(i)));
    }
    return "[" + String.join(", ", items) + "]";
  }

  private static String listOfList(List<List<Integer>> widths) {
    return widths.stream()
        .map(w -> "'" + w.stream().map(String::valueOf).collect(Collectors.joining("_")) + "'")
        .collect(Collectors.joining(", ", "[", "]"));
  }

  private static int max(List<Integer> values) {
    return values.stream().mapToInt(Integer::intValue).max().orElseThrow();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unknown problem";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
