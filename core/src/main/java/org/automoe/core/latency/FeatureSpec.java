package org.automoe.core.latency;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;

/**
 * Which features a predictor reads and how it scales them, saved with the predictor so training and
 * prediction cannot disagree (the original system had two feature functions that did).
 *
 * <ul>
 *   <li>{@code HAT}: HAT's ten features with HAT's normalisers (640, 6, 2048, 6, 640, 6, 2048, 6,
 *       6, 2), for HAT's published datasets.
 *   <li>{@code MOE}: all fourteen features, each divided by its largest value in the training rows.
 *   <li>{@code LAYERS}: the per-layer variant ({@link LatencyFeatures#perLayer}), scaled the same
 *       way; needs rows that name their architecture.
 *   <li>{@code TOTALS}: the fourteen plus the per-stack totals of {@link LatencyFeatures#totals},
 *       scaled the same way; needs rows that name their architecture.
 * </ul>
 *
 * @param kind the feature set
 * @param maxEncoder encoder layer slots (LAYERS only, else 0)
 * @param maxDecoder decoder layer slots (LAYERS only, else 0)
 * @param normalisers one divisor per feature
 */
public record FeatureSpec(Kind kind, int maxEncoder, int maxDecoder, double[] normalisers) {
  public enum Kind {
    HAT,
    MOE,
    LAYERS,
    TOTALS
  }

  private static final double[] HAT_NORMALISERS = {640, 6, 2048, 6, 640, 6, 2048, 6, 6, 2};

  public FeatureSpec {
    normalisers = normalisers.clone();
    for (double n : normalisers) {
      if (!(n > 0)) {
        throw new InvalidInputException("feature normalisers must be positive");
      }
    }
  }

  /** The spec of {@code kind} fitted to training rows (their maxima become the normalisers). */
  public static FeatureSpec fit(Kind kind, List<LatencyRecord> rows) {
    if (rows.isEmpty()) {
      throw new InvalidInputException("no rows to fit features on");
    }
    return switch (kind) {
      case HAT -> new FeatureSpec(kind, 0, 0, HAT_NORMALISERS);
      case MOE -> {
        requireAll(rows, LatencyRecord::hasMoeFeatures, "the four MoE feature columns");
        yield new FeatureSpec(kind, 0, 0, maxima(rows.stream().map(LatencyRecord::features)));
      }
      case LAYERS -> {
        requireAll(rows, r -> r.architecture() != null, "an arch column");
        int enc = rows.stream().mapToInt(r -> r.architecture().encoderLayerCount()).max().orElse(0);
        int dec = rows.stream().mapToInt(r -> r.architecture().decoderLayerCount()).max().orElse(0);
        yield new FeatureSpec(
            kind,
            enc,
            dec,
            maxima(rows.stream().map(r -> LatencyFeatures.perLayer(r.architecture(), enc, dec))));
      }
      case TOTALS -> {
        requireAll(rows, r -> r.architecture() != null, "an arch column");
        yield new FeatureSpec(
            kind, 0, 0, maxima(rows.stream().map(r -> withTotals(r.architecture()))));
      }
    };
  }

  /**
   * The best measured kind every row supports: TOTALS when all rows have the MoE columns and name
   * their architecture (on our 1,000-row dataset it beats MOE by 9-10 points within 10 %), MOE
   * without architectures, else HAT.
   */
  public static Kind defaultKind(List<LatencyRecord> rows) {
    if (!rows.stream().allMatch(LatencyRecord::hasMoeFeatures)) {
      return Kind.HAT;
    }
    return rows.stream().allMatch(r -> r.architecture() != null) ? Kind.TOTALS : Kind.MOE;
  }

  public int size() {
    return normalisers.length;
  }

  /** Scaled features of a dataset row. */
  public double[] of(LatencyRecord r) {
    return switch (kind) {
      case HAT -> scale(Arrays.copyOf(r.features(), LatencyFeatures.HAT_NAMES.size()));
      case MOE -> {
        if (!r.hasMoeFeatures()) {
          throw new InvalidInputException("this predictor needs the four MoE feature columns");
        }
        yield scale(r.features());
      }
      case LAYERS, TOTALS -> {
        if (r.architecture() == null) {
          throw new InvalidInputException("this predictor needs rows with an arch column");
        }
        yield of(r.architecture());
      }
    };
  }

  /** Scaled features of an architecture, by the same function the dataset rows went through. */
  public double[] of(Architecture a) {
    return switch (kind) {
      case HAT -> scale(Arrays.copyOf(LatencyFeatures.of(a), LatencyFeatures.HAT_NAMES.size()));
      case MOE -> scale(LatencyFeatures.of(a));
      case LAYERS -> {
        if (a.encoderLayerCount() > maxEncoder || a.decoderLayerCount() > maxDecoder) {
          throw new InvalidInputException(
              "this predictor knows at most "
                  + maxEncoder
                  + " encoder and "
                  + maxDecoder
                  + " decoder layers; the architecture has "
                  + a.encoderLayerCount()
                  + " and "
                  + a.decoderLayerCount());
        }
        yield scale(LatencyFeatures.perLayer(a, maxEncoder, maxDecoder));
      }
      case TOTALS -> scale(withTotals(a));
    };
  }

  private static double[] withTotals(Architecture a) {
    double[] base = LatencyFeatures.of(a);
    double[] totals = LatencyFeatures.totals(a);
    double[] out = Arrays.copyOf(base, base.length + totals.length);
    System.arraycopy(totals, 0, out, base.length, totals.length);
    return out;
  }

  private double[] scale(double[] raw) {
    double[] out = new double[raw.length];
    for (int i = 0; i < raw.length; i++) {
      out[i] = raw[i] / normalisers[i];
    }
    return out;
  }

  private static double[] maxima(Stream<double[]> rows) {
    double[] max = null;
    for (double[] r : (Iterable<double[]>) rows::iterator) {
      if (max == null) {
        max = new double[r.length];
      }
      for (int i = 0; i < r.length; i++) {
        max[i] = Math.max(max[i], Math.abs(r[i]));
      }
    }
    for (int i = 0; i < max.length; i++) {
      if (max[i] == 0) {
        max[i] = 1; // a feature that is always zero stays zero
      }
    }
    return max;
  }

  private static void requireAll(
      List<LatencyRecord> rows, Predicate<LatencyRecord> test, String what) {
    if (!rows.stream().allMatch(test)) {
      throw new InvalidInputException("these features need rows with " + what);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeatureSpec f
        && kind == f.kind
        && maxEncoder == f.maxEncoder
        && maxDecoder == f.maxDecoder
        && Arrays.equals(normalisers, f.normalisers);
  }

  @Override
  public int hashCode() {
    return 31 * kind.hashCode() + Arrays.hashCode(normalisers);
  }

  @Override
  public String toString() {
    return kind + Arrays.toString(normalisers);
  }
}
