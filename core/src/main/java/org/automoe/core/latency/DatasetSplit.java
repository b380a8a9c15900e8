package org.automoe.core.latency;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.automoe.core.InvalidInputException;

/**
 * A seeded train/validation/test split of a latency dataset (HAT's 80/10/10 by default). The same
 * rows and seed always give the same split; the test part is only for reporting.
 */
public record DatasetSplit(
    List<LatencyRecord> train, List<LatencyRecord> valid, List<LatencyRecord> test) {

  /** Smallest dataset a split accepts: every part needs rows to mean anything. */
  public static final int MIN_ROWS = 10;

  /** Parses "80/10/10" (three whole percentages summing to 100, train and test positive). */
  public static int[] parseRatio(String ratio) {
    String[] parts = ratio.strip().split("/");
    if (parts.length != 3) {
      throw new InvalidInputException(
          "split '" + ratio + "': expected train/valid/test percentages such as 80/10/10");
    }
    int[] p = new int[3];
    try {
      for (int i = 0; i < 3; i++) {
        p[i] = Integer.parseInt(parts[i].strip());
      }
    } catch (NumberFormatException e) {
      throw new InvalidInputException("split '" + ratio + "': percentages must be whole numbers");
    }
    if (p[0] <= 0 || p[1] < 0 || p[2] <= 0 || p[0] + p[1] + p[2] != 100) {
      throw new InvalidInputException(
          "split '" + ratio + "': train and test must be positive and all three sum to 100");
    }
    return p;
  }

  public static DatasetSplit of(List<LatencyRecord> rows, int[] percents, long seed) {
    if (rows.size() < MIN_ROWS) {
      throw new InvalidInputException(
          "a latency dataset needs at least " + MIN_ROWS + " rows, but has " + rows.size());
    }
    List<LatencyRecord> shuffled = new ArrayList<>(rows);
    SplittableRandom rng = new SplittableRandom(seed);
    for (int i = shuffled.size() - 1; i > 0; i--) {
      Collections.swap(shuffled, i, rng.nextInt(i + 1));
    }
    int n = rows.size();
    int train = (int) Math.round(n * percents[0] / 100.0);
    int valid = (int) Math.round(n * percents[1] / 100.0);
    train = Math.max(1, Math.min(train, n - 1));
    valid = Math.min(valid, n - train - 1);
    return new DatasetSplit(
        List.copyOf(shuffled.subList(0, train)),
        List.copyOf(shuffled.subList(train, train + valid)),
        List.copyOf(shuffled.subList(train + valid, n)));
  }
}
