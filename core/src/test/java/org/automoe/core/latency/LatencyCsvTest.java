package org.automoe.core.latency;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.automoe.core.Fixtures;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LatencyCsvTest {
  @TempDir Path dir;

  @Test
  void readsHatsPublishedFileAsItIs() {
    LatencyCsv.Dataset d = LatencyCsv.read(Fixtures.hatXeonLatency());
    assertEquals(2000, d.rows().size());
    LatencyRecord first = d.rows().get(0);
    assertEquals(10, first.features().length);
    assertEquals(1194.6666666666667, first.features()[2], 0);
    assertEquals(9.922519326210022 + 236.7689162492752, first.totalMs(), 1e-12);
    assertEquals(12.7322462760344, first.decoderStdMs(), 0);
    assertNull(first.architecture());
    assertEquals(FeatureSpec.Kind.HAT, FeatureSpec.defaultKind(d.rows()));
  }

  @Test
  void ourFileRoundTripsAndHatsReaderCanReadIt() throws Exception {
    Path file = dir.resolve("lat.csv");
    List<Architecture> archs = MeasurementPlan.of(BuiltInSpaces.small(), 6, 3);
    try (LatencyCsv.Appender out = new LatencyCsv.Appender(file, Map.of("space", "small"))) {
      for (int i = 0; i < archs.size(); i++) {
        out.append(
            new LatencySample(archs.get(i), 1.5 + i, 0.25, 20.125, 1, 20, 1, 1, "cpu"),
            i == 0 ? Double.NaN : 10 + i);
      }
    }
    LatencyCsv.Dataset back = LatencyCsv.read(file);
    assertEquals("small", back.metadata().get("space"));
    assertEquals(archs.size(), back.rows().size());
    for (int i = 0; i < archs.size(); i++) {
      LatencyRecord r = back.rows().get(i);
      assertEquals(archs.get(i), r.architecture());
      assertArrayEquals(LatencyFeatures.of(archs.get(i)), r.features(), 1e-6);
      assertEquals(1.5 + i, r.encoderMeanMs(), 1e-9);
      assertEquals(20.125, r.decoderMeanMs(), 1e-9);
      assertEquals(i == 0 ? Double.NaN : 10 + i, r.referenceMs(), 1e-9);
    }
    // HAT's reader: skip one line, then the first ten cells are features, the next two latencies.
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    lines.removeIf(l -> l.startsWith("#"));
    assertEquals(
        String.join(",", LatencyCsv.COLUMNS.subList(0, 14)),
        String.join(",", List.of(lines.get(0).split(",")).subList(0, 14)));
    for (int i = 1; i < lines.size(); i++) {
      String[] cells = lines.get(i).split(",");
      double total = Double.parseDouble(cells[10]) + Double.parseDouble(cells[11]);
      assertEquals(back.rows().get(i - 1).totalMs(), total, 1e-9);
      for (int k = 0; k < 10; k++) {
        Double.parseDouble(cells[k]);
      }
    }
  }

  @Test
  void appendingToAnExistingFileKeepsItsRowsAndWritesNoSecondHeader() throws Exception {
    Path file = dir.resolve("lat.csv");
    List<Architecture> archs = MeasurementPlan.of(BuiltInSpaces.tiny(), 2, 1);
    try (LatencyCsv.Appender out = new LatencyCsv.Appender(file, Map.of("seed", "1"))) {
      out.append(new LatencySample(archs.get(0), 1, 0, 2, 0, 20, 1, 1, "cpu"));
    }
    try (LatencyCsv.Appender out = new LatencyCsv.Appender(file, Map.of("seed", "1"))) {
      out.append(new LatencySample(archs.get(1), 1, 0, 3, 0, 20, 1, 1, "cpu"));
    }
    assertEquals(2, LatencyCsv.read(file).rows().size());
    assertEquals(1, Files.readAllLines(file).stream().filter(l -> l.startsWith("#")).count());
  }

  @Test
  void appendingToAFileWithAnotherHeaderIsRefused() throws Exception {
    Path file = dir.resolve("old.csv");
    List<String> oldColumns = new ArrayList<>(LatencyCsv.COLUMNS);
    oldColumns.remove(LatencyCsv.REFERENCE_COLUMN);
    Files.writeString(file, "# seed: 1\n" + String.join(",", oldColumns) + "\n");
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> new LatencyCsv.Appender(file, Map.of("seed", "1")));
    assertTrue(e.getMessage().startsWith(file + ": its header line is not this version's"));
  }

  @Test
  void aMissingColumnIsNamed() throws Exception {
    Path file = dir.resolve("bad.csv");
    Files.writeString(
        file,
        String.join(",", LatencyFeatures.HAT_NAMES)
            + ",latency_mean_encoder\n"
            + "1,2,3,4,5,6,7,8,9,1,5\n");
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LatencyCsv.read(file));
    assertEquals(
        file + ": missing column 'latency_mean_decoder' in the header line", e.getMessage());
  }

  @Test
  void aNonNumericCellIsNamedByLineAndColumn() throws Exception {
    Path file = dir.resolve("bad.csv");
    List<String> lines =
        new ArrayList<>(Files.readAllLines(Fixtures.hatXeonLatency()).subList(0, 4));
    lines.set(1, lines.get(1).replaceFirst("^640,6,", "640,six,"));
    Files.write(file, lines);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LatencyCsv.read(file));
    assertEquals(
        file + " line 2 column 'encoder_layer_num': 'six' is not a number", e.getMessage());
  }

  @Test
  void aShortRowAndABadArchitectureAreNamedByLine() throws Exception {
    Path file = dir.resolve("bad.csv");
    List<String> lines =
        new ArrayList<>(Files.readAllLines(Fixtures.hatXeonLatency()).subList(0, 3));
    lines.set(2, "640,6,1194.6");
    Files.write(file, lines);
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> LatencyCsv.read(file));
    assertEquals(file + " line 3: 3 cells, the header has 14", e.getMessage());
  }

  @Test
  void tooFewRowsForASplitIsOneLine() {
    List<LatencyRecord> rows =
        LatencyCsv.read(Fixtures.hatXeonLatency()).rows().subList(0, DatasetSplit.MIN_ROWS - 1);
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> DatasetSplit.of(rows, DatasetSplit.parseRatio("80/10/10"), 1));
    assertEquals("a latency dataset needs at least 10 rows, but has 9", e.getMessage());
  }

  @Test
  void theSplitIsSeededAndDisjoint() {
    List<LatencyRecord> rows = LatencyCsv.read(Fixtures.hatXeonLatency()).rows();
    DatasetSplit a = DatasetSplit.of(rows, new int[] {80, 10, 10}, 7);
    DatasetSplit b = DatasetSplit.of(rows, new int[] {80, 10, 10}, 7);
    assertEquals(a, b);
    assertEquals(
        List.of(1600, 200, 200), List.of(a.train().size(), a.valid().size(), a.test().size()));
    Set<LatencyRecord> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    seen.addAll(a.train());
    seen.addAll(a.valid());
    seen.addAll(a.test());
    assertEquals(2000, seen.size());
    assertThrows(InvalidInputException.class, () -> DatasetSplit.parseRatio("80/30/10"));
    assertThrows(InvalidInputException.class, () -> DatasetSplit.parseRatio("80-10-10"));
  }
}
