package org.automoe.core.arch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.automoe.core.Fixtures;
import org.automoe.core.InvalidInputException;
import org.automoe.core.latency.MeasurementPlan;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;

class ArchitectureTest {
  @Test
  void keyIsCompactAndReadable() {
    Architecture a =
        new Architecture(
            512,
            640,
            List.of(new EncoderLayer(4, List.of(3072)), new EncoderLayer(8, List.of(1024, 2048))),
            List.of(new DecoderLayer(8, 4, 1, List.of(3072))));
    assertEquals("e512:h4/3072,h8/1024.2048|d640:h8c4a1/3072", a.key());
  }

  @Test
  void equalArchitecturesHaveEqualKeysAndExpertOrderMatters() {
    assertEquals(Fixtures.dense(2048, 2, 1).key(), Fixtures.dense(2048, 2, 1).key());
    Architecture ab =
        new Architecture(
            512,
            512,
            List.of(new EncoderLayer(8, List.of(1024, 2048))),
            List.of(new DecoderLayer(8, 8, -1, List.of(1024))));
    Architecture ba =
        new Architecture(
            512,
            512,
            List.of(new EncoderLayer(8, List.of(2048, 1024))),
            List.of(new DecoderLayer(8, 8, -1, List.of(1024))));
    assertNotEquals(ab.key(), ba.key());
  }

  @Test
  void validatesIntrinsicValues() {
    assertThrows(InvalidInputException.class, () -> new EncoderLayer(0, List.of(1024)));
    assertThrows(InvalidInputException.class, () -> new EncoderLayer(4, List.of()));
    assertThrows(InvalidInputException.class, () -> new DecoderLayer(4, 4, 0, List.of(1024)));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () ->
                new Architecture(
                    512, 512, List.of(), List.of(new DecoderLayer(4, 4, 1, List.of(1)))));
    assertEquals("an architecture needs at least one encoder layer", e.getMessage());
  }

  @Test
  void aKeyParsesBackToItsArchitecture() {
    for (Architecture a : MeasurementPlan.of(BuiltInSpaces.paper(6), 50, 9)) {
      assertEquals(a, ArchitectureKey.parse(a.key()));
    }
  }

  @Test
  void aBadKeyIsNamedWithWhatIsWrong() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> ArchitectureKey.parse("e512:h4/|d512:x"));
    assertEquals(
        "architecture key 'e512:h4/|d512:x': encoder layer 'h4/' is not h<heads>/<widths>",
        e.getMessage());
    e =
        assertThrows(
            InvalidInputException.class, () -> ArchitectureKey.parse("e512:h0/1024|d512:h4c4a1/8"));
    assertEquals(
        "architecture key 'e512:h0/1024|d512:h4c4a1/8': self-attention heads must be positive,"
            + " but was 0",
        e.getMessage());
    assertThrows(
        InvalidInputException.class, () -> ArchitectureKey.parse("e512:h4/1..2|d1:h1c1a1/1"));
  }
}
