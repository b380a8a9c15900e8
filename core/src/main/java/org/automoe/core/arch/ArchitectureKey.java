package org.automoe.core.arch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.automoe.core.InvalidInputException;

/**
 * Canonical text key of an architecture, e.g. {@code e512:h4/3072,h8/1024.2048|d512:h8c4a1/3072}.
 *
 * <p>Encoder layers read {@code h<heads>/<expert widths>}; decoder layers {@code
 * h<self>c<cross>a<code>/<expert widths>}. Expert order is part of the key because expert i
 * inherits supernet expert i's weights.
 */
public final class ArchitectureKey {
  private ArchitectureKey() {}

  public static String of(Architecture a) {
    String encoder =
        a.encoderLayers().stream()
            .map(l -> "h" + l.selfHeads() + "/" + widths(l.expertWidths()))
            .collect(Collectors.joining(","));
    String decoder =
        a.decoderLayers().stream()
            .map(
                l ->
                    "h"
                        + l.selfHeads()
                        + "c"
                        + l.crossHeads()
                        + "a"
                        + l.encDecAttention()
                        + "/"
                        + widths(l.expertWidths()))
            .collect(Collectors.joining(","));
    return "e" + a.encoderEmbedDim() + ":" + encoder + "|d" + a.decoderEmbedDim() + ":" + decoder;
  }

  /** The architecture of a key written by {@link #of}; anything else is an error naming the key. */
  public static Architecture parse(String key) {
    Matcher whole = WHOLE.matcher(key == null ? "" : key.strip());
    if (!whole.matches()) {
      throw bad(key, "expected e<dim>:<layers>|d<dim>:<layers>");
    }
    try {
      List<EncoderLayer> encoder = new ArrayList<>();
      for (String layer : whole.group(2).split(",")) {
        Matcher m = ENCODER_LAYER.matcher(layer);
        if (!m.matches()) {
          throw bad(key, "encoder layer '" + layer + "' is not h<heads>/<widths>");
        }
        encoder.add(new EncoderLayer(Integer.parseInt(m.group(1)), parseWidths(m.group(2))));
      }
      List<DecoderLayer> decoder = new ArrayList<>();
      for (String layer : whole.group(4).split(",")) {
        Matcher m = DECODER_LAYER.matcher(layer);
        if (!m.matches()) {
          throw bad(key, "decoder layer '" + layer + "' is not h<self>c<cross>a<code>/<widths>");
        }
        decoder.add(
            new DecoderLayer(
                Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)),
                Integer.parseInt(m.group(3)),
                parseWidths(m.group(4))));
      }
      return new Architecture(
          Integer.parseInt(whole.group(1)), Integer.parseInt(whole.group(3)), encoder, decoder);
    } catch (NumberFormatException e) {
      throw bad(key, "a number is out of range");
    } catch (InvalidInputException e) {
      if (e.getMessage().startsWith("architecture key")) {
        throw e;
      }
      throw bad(key, e.getMessage());
    }
  }

  private static final Pattern WHOLE = Pattern.compile("e(\\d+):([^|]+)\\|d(\\d+):(.+)");
  private static final Pattern ENCODER_LAYER = Pattern.compile("h(\\d+)/([\\d.]+)");
  private static final Pattern DECODER_LAYER = Pattern.compile("h(\\d+)c(\\d+)a(-?\\d+)/([\\d.]+)");

  private static List<Integer> parseWidths(String widths) {
    if (widths.startsWith(".") || widths.endsWith(".") || widths.contains("..")) {
      throw new InvalidInputException("expert widths '" + widths + "' have an empty entry");
    }
    return Arrays.stream(widths.split("\\.")).map(Integer::valueOf).toList();
  }

  private static InvalidInputException bad(String key, String why) {
    return new InvalidInputException("architecture key '" + key + "': " + why);
  }

  private static String widths(List<Integer> widths) {
    return widths.stream().map(String::valueOf).collect(Collectors.joining("."));
  }
}
