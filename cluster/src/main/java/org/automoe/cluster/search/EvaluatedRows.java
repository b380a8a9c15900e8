package org.automoe.cluster.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads a search's {@code evaluated.csv} back, a page at a time: the rows a reader such as the
 * search service lists, in evaluation order. A row torn by a crash (the file's last, unfinished) is
 * not a row.
 */
public final class EvaluatedRows {
  private EvaluatedRows() {}

  /**
   * One evaluated candidate as the file keeps it (the loss to 6 decimals, the latency to 4).
   *
   * @param number its place in evaluation order, from 1
   */
  public record Row(
      long number,
      long candidateId,
      int generation,
      long seed,
      double validationLoss,
      double predictedLatencyMs,
      String key) {}

  /** Up to {@code limit} rows after the first {@code offset}. */
  public static List<Row> page(Path folder, long offset, int limit) {
    List<Row> out = new ArrayList<>();
    try (Stream<String> lines = lines(folder)) {
      long[] number = {offset};
      lines
          .skip(1 + offset)
          .limit(limit)
          .filter(EvaluatedRows::complete)
          .forEach(l -> out.add(parse(++number[0], l)));
    }
    return out;
  }

  /** The row of candidate {@code id}, if it was evaluated. */
  public static Optional<Row> find(Path folder, long id) {
    String prefix = id + ",";
    try (Stream<String> lines = lines(folder)) {
      long[] number = {0};
      return lines
          .skip(1)
          .filter(EvaluatedRows::complete)
          .peek(l -> number[0]++)
          .filter(l -> l.startsWith(prefix))
          .findFirst()
          .map(l -> parse(number[0], l));
    }
  }

  private static Stream<String> lines(Path folder) {
    Path file = folder.resolve(SearchReport.CSV_FILE);
    try {
      return Files.lines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Stream.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static boolean complete(String line) {
    return line.endsWith("\"") && line.indexOf(",\"") > 0;
  }

  private static Row parse(long number, String line) {
    String[] f = line.substring(0, line.indexOf(",\"")).split(",");
    String key = line.substring(line.indexOf(",\"") + 2, line.length() - 1);
    return new Row(
        number,
        Long.parseLong(f[0]),
        Integer.parseInt(f[1]),
        Long.parseLong(f[2]),
        Double.parseDouble(f[3]),
        Double.parseDouble(f[4]),
        key);
  }
}
