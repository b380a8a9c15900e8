package org.automoe.core.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DriftCorrectionTest {
  private static LatencyRecord row(double enc, double dec, double reference) {
    return new LatencyRecord(new double[10], enc, dec, 0.5, 1, null, reference);
  }

  @Test
  void rowsAreScaledByTheMedianReferenceOverTheirOwn() {
    // References 8, 10, 12.5: median 10. A row timed while the machine ran 25 % slow (12.5)
    // comes back at 10/12.5 of its latency; one timed at the median speed is unchanged.
    List<LatencyRecord> rows = List.of(row(2, 18, 8), row(1, 9, 10), row(5, 20, 12.5));
    assertTrue(DriftCorrection.applies(rows));
    assertEquals(10, DriftCorrection.medianReferenceMs(rows), 0);
    List<LatencyRecord> out = DriftCorrection.apply(rows);
    assertEquals(25, out.get(0).totalMs(), 1e-12);
    assertEquals(10, out.get(1).totalMs(), 1e-12);
    assertEquals(20, out.get(2).totalMs(), 1e-12);
    assertEquals(4, out.get(2).encoderMeanMs(), 1e-12);
    assertEquals(0.8, out.get(2).decoderStdMs(), 1e-12);
    assertArrayEquals(new double[] {0.8, 1.25}, DriftCorrection.referenceSpread(rows), 1e-12);
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    List<LatencyRecord> rows = List.of(row(1, 1, 4), row(1, 1, 1), row(1, 1, 2), row(1, 1, 9));
    assertEquals(3, DriftCorrection.medianReferenceMs(rows), 0);
  }

  @Test
  void rowsWithoutAReferenceAreLeftAlone() {
    List<LatencyRecord> rows = List.of(row(1, 9, 10), row(2, 8, Double.NaN));
    assertFalse(DriftCorrection.applies(rows));
    assertSame(rows, DriftCorrection.apply(rows));
    assertFalse(DriftCorrection.applies(List.of()));
  }
}
