package org.automoe.core.arch;

import java.util.List;
import java.util.stream.Collectors;

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

  private static String widths(List<Integer> widths) {
    return widths.stream().map(String::valueOf).collect(Collectors.joining("."));
  }
}
