package org.automoe.core.latency;

import java.util.Arrays;
import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * The linear baseline: latency as an affine function of the scaled features, fitted by least
 * squares (normal equations with a tiny ridge so collinear features stay solvable).
 */
public final class LinearLatencyModel {
  private final double[] weights;
  private final double bias;

  private LinearLatencyModel(double[] weights, double bias) {
    this.weights = weights;
    this.bias = bias;
  }

  public static LinearLatencyModel fit(List<double[]> features, double[] latencyMs) {
    double[] ones = new double[latencyMs.length];
    Arrays.fill(ones, 1);
    return fit(features, latencyMs, ones);
  }

  /**
   * Weighted least squares: minimises sum of (weight x error)^2; weights 1 / latency minimise the
   * squared relative error.
   */
  public static LinearLatencyModel fit(
      List<double[]> features, double[] latencyMs, double[] weights) {
    if (features.isEmpty()
        || features.size() != latencyMs.length
        || weights.length != latencyMs.length) {
      throw new InvalidInputException("a linear fit needs one latency per feature row");
    }
    int f = features.get(0).length + 1; // last column: the constant 1
    double[][] a = new double[f][f + 1];
    for (int r = 0; r < latencyMs.length; r++) {
      double[] x = withOne(features.get(r));
      double w2 = weights[r] * weights[r];
      for (int i = 0; i < f; i++) {
        for (int j = 0; j < f; j++) {
          a[i][j] += w2 * x[i] * x[j];
        }
        a[i][f] += w2 * x[i] * latencyMs[r];
      }
    }
    for (int i = 0; i < f - 1; i++) {
      a[i][i] += 1e-9 * latencyMs.length;
    }
    double[] solution = solve(a);
    return new LinearLatencyModel(Arrays.copyOf(solution, f - 1), solution[f - 1]);
  }

  double[] weights() {
    return weights.clone();
  }

  double bias() {
    return bias;
  }

  public double predict(double[] features) {
    double y = bias;
    for (int i = 0; i < weights.length; i++) {
      y += weights[i] * features[i];
    }
    return y;
  }

  private static double[] withOne(double[] x) {
    double[] out = Arrays.copyOf(x, x.length + 1);
    out[x.length] = 1;
    return out;
  }

  /** Gaussian elimination with partial pivoting on the augmented matrix [A | b]. */
  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] t = a[col];
      a[col] = a[pivot];
      a[pivot] = t;
      if (Math.abs(a[col][col]) < 1e-300) {
        continue; // a feature that never varies: its weight stays 0
      }
      for (int r = 0; r < n; r++) {
        if (r != col) {
          double factor = a[r][col] / a[col][col];
          for (int c = col; c <= n; c++) {
            a[r][c] -= factor * a[col][c];
          }
        }
      }
    }
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = Math.abs(a[i][i]) < 1e-300 ? 0 : a[i][n] / a[i][i];
    }
    return x;
  }
}
