package org.automoe.cluster.cli;

import java.util.Locale;

/**
 * Human-readable figures in HAT's style (params in M, FLOPs in G, two decimals), switching to
 * smaller units for figures that would print as 0.00.
 */
public final class Units {
  private Units() {}

  public static String millions(long params) {
    return params >= 100_000 ? format(params / 1e6, "M") : format(params / 1e3, "K");
  }

  public static String giga(long flops) {
    return flops >= 100_000_000 ? format(flops / 1e9, "G") : format(flops / 1e6, "M");
  }

  private static String format(double value, String unit) {
    return String.format(Locale.ROOT, "%.2f %s", value, unit);
  }
}
