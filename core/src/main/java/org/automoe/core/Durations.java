package org.automoe.core;

/** Durations for progress lines: "4m05s", or "2h13m" from an hour on. */
public final class Durations {
  private Durations() {}

  public static String format(double seconds) {
    long s = Math.round(seconds);
    return s >= 3600
        ? String.format("%dh%02dm", s / 3600, (s % 3600) / 60)
        : String.format("%dm%02ds", s / 60, s % 60);
  }
}
