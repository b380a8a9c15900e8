package org.automoe.core.latency;

import java.util.Locale;
import org.automoe.core.InvalidInputException;
import org.automoe.core.metric.RankCorrelation;

/**
 * How well predicted latencies match measured ones: errors in ms, relative error, rank agreement
 * (what a search needs) and the share of predictions within 5 % and 10 % of the measurement.
 *
 * @param rmse root mean squared error, ms
 * @param mae mean absolute error, ms
 * @param mape mean absolute percentage error, as a fraction (0.05 = 5 %)
 * @param kendallTau Kendall's tau-b between predicted and measured
 * @param within5 share of predictions within +/-5 % of the measurement
 * @param within10 share within +/-10 %
 * @param count rows compared
 */
public record LatencyMetrics(
    double rmse,
    double mae,
    double mape,
    double kendallTau,
    double within5,
    double within10,
    int count) {

  public static LatencyMetrics of(double[] predicted, double[] measured) {
    if (predicted.length != measured.length || predicted.length == 0) {
      throw new InvalidInputException(
          "need as many predictions as measurements, at least one: "
              + predicted.length
              + " and "
              + measured.length);
    }
    int n = predicted.length;
    double squared = 0;
    double absolute = 0;
    double relative = 0;
    int in5 = 0;
    int in10 = 0;
    for (int i = 0; i < n; i++) {
      if (!(measured[i] > 0)) {
        throw new InvalidInputException("measured latencies must be positive: row " + i);
      }
      double error = predicted[i] - measured[i];
      double rel = Math.abs(error) / measured[i];
      squared += error * error;
      absolute += Math.abs(error);
      relative += rel;
      // A hair of tolerance so a prediction exactly 10 % off counts as within 10 %.
      in5 += rel <= 0.05 + 1e-12 ? 1 : 0;
      in10 += rel <= 0.10 + 1e-12 ? 1 : 0;
    }
    double tau = n < 2 ? Double.NaN : RankCorrelation.kendall(predicted, measured);
    return new LatencyMetrics(
        Math.sqrt(squared / n),
        absolute / n,
        relative / n,
        tau,
        in5 / (double) n,
        in10 / (double) n,
        n);
  }

  /** One line for a console table. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "RMSE %.3f ms  MAE %.3f ms  MAPE %.2f %%  Kendall %.3f  within 5 %% %.1f %%  within 10 %% %.1f %%",
        rmse,
        mae,
        100 * mape,
        kendallTau,
        100 * within5,
        100 * within10);
  }
}
