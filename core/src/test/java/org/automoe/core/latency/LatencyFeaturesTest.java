package org.automoe.core.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.automoe.core.Fixtures;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;

class LatencyFeaturesTest {
  /** Encoder: 2 layers (MoE 256+512, dense 128); decoder: 1 layer (MoE 128+128+512). */
  static Architecture moe() {
    return new Architecture(
        128,
        96,
        List.of(new EncoderLayer(2, List.of(256, 512)), new EncoderLayer(4, List.of(128))),
        List.of(new DecoderLayer(4, 2, 1, List.of(128, 128, 512))));
  }

  @Test
  void hatFeaturesOfHatsOwnModelAreHatsDefinitions() {
    Architecture a = HatYamlCodec.read(Fixtures.hat(Fixtures.HAT_CHECK), BuiltInSpaces.paper(6));
    double[] f = LatencyFeatures.of(a);
    // 512, 6 layers, FFN 3072, heads (4 + 5 x 8) / 6; decoder 512, 1 layer, 3072, 8, 8, code 1 -> 2
    assertArrayEquals(
        new double[] {512, 6, 3072, 44 / 6.0, 512, 1, 3072, 8, 8, 2}, Arrays.copyOf(f, 10), 1e-12);
    assertArrayEquals(new double[] {1, 1, 3072, 3072}, Arrays.copyOfRange(f, 10, 14));
  }

  @Test
  void moeFeaturesSumWidthsPerLayerAndAverageThemPerExpert() {
    double[] f = LatencyFeatures.of(moe());
    assertArrayEquals(
        new double[] {
          128,
          2,
          (768 + 128) / 2.0,
          3,
          96,
          1,
          768,
          4,
          2,
          2,
          1.5,
          3,
          (256 + 512 + 128) / 3.0,
          768 / 3.0
        },
        f,
        1e-12);
    assertEquals(LatencyFeatures.NAMES.size(), f.length);
  }

  @Test
  void stackTotalsCountMoeLayersExpertsWidthsAndLargestExperts() {
    // Encoder: {256, 512} (MoE) and {128}; decoder: {128, 128, 512} (MoE).
    assertArrayEquals(
        new double[] {1, 3, 896, 640, 1, 3, 768, 512}, LatencyFeatures.totals(moe()), 0);
    FeatureSpec totals =
        FeatureSpec.fit(
            FeatureSpec.Kind.TOTALS,
            List.of(new LatencyRecord(LatencyFeatures.of(moe()), 1, 2, 0, 0, moe())));
    assertEquals(LatencyFeatures.NAMES.size() + LatencyFeatures.TOTAL_NAMES.size(), totals.size());
  }

  @Test
  void theDefaultKindIsTheRichestEveryRowSupports() {
    LatencyRecord named = new LatencyRecord(LatencyFeatures.of(moe()), 1, 2, 0, 0, moe());
    LatencyRecord anonymous = new LatencyRecord(LatencyFeatures.of(moe()), 1, 2, 0, 0, null);
    LatencyRecord hat =
        new LatencyRecord(Arrays.copyOf(LatencyFeatures.of(moe()), 10), 1, 2, 0, 0, null);
    assertEquals(FeatureSpec.Kind.TOTALS, FeatureSpec.defaultKind(List.of(named, named)));
    assertEquals(FeatureSpec.Kind.MOE, FeatureSpec.defaultKind(List.of(named, anonymous)));
    assertEquals(FeatureSpec.Kind.HAT, FeatureSpec.defaultKind(List.of(named, hat)));
  }

  @Test
  void perLayerFeaturesFillSlotsAndLeaveAbsentLayersZero() {
    double[] f = LatencyFeatures.perLayer(moe(), 3, 2);
    assertEquals(2 + 5 * 3 + 7 * 2, f.length);
    assertArrayEquals(
        new double[] {128, 96, 1, 2, 2, 768, 384, 1, 4, 1, 128, 128, 0, 0, 0, 0, 0},
        Arrays.copyOf(f, 17));
    assertArrayEquals(
        new double[] {1, 4, 2, 2, 3, 768, 256, 0, 0, 0, 0, 0, 0, 0}, Arrays.copyOfRange(f, 17, 31));
  }

  @Test
  void theSpecScalesRowsAndArchitecturesByTheSameFunction() {
    LatencyRecord row = new LatencyRecord(LatencyFeatures.of(moe()), 1, 2, 0, 0, moe());
    for (FeatureSpec.Kind kind : FeatureSpec.Kind.values()) {
      FeatureSpec spec = FeatureSpec.fit(kind, List.of(row));
      assertArrayEquals(spec.of(moe()), spec.of(row), 0, kind.name());
    }
    FeatureSpec hat = FeatureSpec.fit(FeatureSpec.Kind.HAT, List.of(row));
    assertEquals(128 / 640.0, hat.of(moe())[0], 1e-12);
    assertEquals(2 / 2.0, hat.of(moe())[9], 1e-12, "HAT divides the attended-layer mean by 2");
    FeatureSpec moe = FeatureSpec.fit(FeatureSpec.Kind.MOE, List.of(row));
    assertEquals(1.0, moe.of(moe())[0], 1e-12, "one row: every feature is its own maximum");
  }

  @Test
  void perLayerSpecRefusesDeeperArchitecturesThanItWasFittedOn() {
    LatencyRecord row = new LatencyRecord(LatencyFeatures.of(moe()), 1, 2, 0, 0, moe());
    FeatureSpec spec = FeatureSpec.fit(FeatureSpec.Kind.LAYERS, List.of(row));
    Architecture deeper =
        new Architecture(
            128,
            96,
            moe().encoderLayers(),
            List.of(
                new DecoderLayer(4, 2, 1, List.of(128)), new DecoderLayer(4, 2, 1, List.of(128))));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> spec.of(deeper));
    assertEquals(
        "this predictor knows at most 2 encoder and 1 decoder layers; the architecture has 2 and"
            + " 2",
        e.getMessage());
  }
}
