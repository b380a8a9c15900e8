package org.automoe.core.latency;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes the machine's speed drift from a dataset. A shared VM runs 10-15 % faster or slower for
 * minutes at a time, several times the noise of one row's 20 runs. Our measurements therefore time
 * a fixed reference architecture just before each row; a row measured while the reference ran at
 * {@code r} ms, against the dataset's median reference {@code m}, is scaled by {@code m / r}. The
 * corrected latencies are those of the machine at its typical speed.
 */
public final class DriftCorrection {
  private DriftCorrection() {}

  /** True when every row carries a positive reference latency. */
  public static boolean applies(List<LatencyRecord> rows) {
    return !rows.isEmpty() && rows.stream().allMatch(r -> r.referenceMs() > 0);
  }

  /** The median reference latency of rows that all carry one. */
  public static double medianReferenceMs(List<LatencyRecord> rows) {
    double[] refs = rows.stream().mapToDouble(LatencyRecord::referenceMs).sorted().toArray();
    int n = refs.length;
    return n % 2 == 1 ? refs[n / 2] : (refs[n / 2 - 1] + refs[n / 2]) / 2;
  }

  /** The rows at the typical speed, or the rows unchanged when some lack a reference. */
  public static List<LatencyRecord> apply(List<LatencyRecord> rows) {
    if (!applies(rows)) {
      return rows;
    }
    double median = medianReferenceMs(rows);
    List<LatencyRecord> out = new ArrayList<>(rows.size());
    for (LatencyRecord r : rows) {
      out.add(r.scaled(median / r.referenceMs()));
    }
    return out;
  }

  /** Spread of the reference (10th and 90th percentile over the median), for reports. */
  public static double[] referenceSpread(List<LatencyRecord> rows) {
    double[] refs = rows.stream().mapToDouble(LatencyRecord::referenceMs).sorted().toArray();
    double median = medianReferenceMs(rows);
    return new double[] {
      refs[(int) Math.round(0.1 * (refs.length - 1))] / median,
      refs[(int) Math.round(0.9 * (refs.length - 1))] / median
    };
  }
}
