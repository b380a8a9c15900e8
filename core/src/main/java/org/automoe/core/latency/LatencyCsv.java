package org.automoe.core.latency;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.ArchitectureKey;

/**
 * Latency datasets as CSV. The columns start with HAT's fourteen in HAT's order (ten features, then
 * mean and std of encoder and decoder latency in ms), so HAT's files read here as they are and
 * HAT's reader, which takes the first twelve cells of each line, reads ours; the four MoE features,
 * the reference latency and the architecture key follow. Our files open with {@code #} comment
 * lines holding the measurement metadata; HAT's reader skips only one line, so feed it {@code grep
 * -v '^#' FILE}.
 */
public final class LatencyCsv {
  public static final List<String> LATENCY_COLUMNS =
      List.of(
          "latency_mean_encoder",
          "latency_mean_decoder",
          "latency_std_encoder",
          "latency_std_decoder");
  public static final String ARCH_COLUMN = "arch";

  /** Latency of the reference architecture just before the row (see {@link DriftCorrection}). */
  public static final String REFERENCE_COLUMN = "reference_ms";

  /** HAT's columns, then ours. */
  public static final List<String> COLUMNS = columns();

  private LatencyCsv() {}

  private static List<String> columns() {
    List<String> c = new ArrayList<>(LatencyFeatures.HAT_NAMES);
    c.addAll(LATENCY_COLUMNS);
    c.addAll(LatencyFeatures.MOE_NAMES);
    c.add(REFERENCE_COLUMN);
    c.add(ARCH_COLUMN);
    return List.copyOf(c);
  }

  /** A dataset: the metadata of its comment lines ({@code # key: value}) and its rows. */
  public record Dataset(Map<String, String> metadata, List<LatencyRecord> rows) {}

  /** Reads a file of ours or one of HAT's; every problem is an error naming line and column. */
  public static Dataset read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (MalformedInputException e) {
      throw new InvalidInputException(file + ": not a UTF-8 text file");
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    Map<String, String> metadata = new LinkedHashMap<>();
    Map<String, Integer> header = null;
    List<LatencyRecord> rows = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      int number = i + 1;
      if (line.isEmpty()) {
        continue;
      }
      if (line.startsWith("#")) {
        int colon = line.indexOf(':');
        if (colon > 0) {
          metadata.put(line.substring(1, colon).strip(), line.substring(colon + 1).strip());
        }
        continue;
      }
      List<String> cells = split(line);
      if (header == null) {
        header = header(file, cells);
        continue;
      }
      rows.add(row(file, number, cells, header));
    }
    if (header == null) {
      throw new InvalidInputException(file + ": no header line; is this a latency CSV?");
    }
    return new Dataset(metadata, rows);
  }

  private static Map<String, Integer> header(Path file, List<String> cells) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < cells.size(); i++) {
      index.put(cells.get(i).strip(), i);
    }
    for (String required : LatencyFeatures.HAT_NAMES) {
      requireColumn(file, index, required);
    }
    for (String required : LATENCY_COLUMNS.subList(0, 2)) {
      requireColumn(file, index, required);
    }
    long moe = LatencyFeatures.MOE_NAMES.stream().filter(index::containsKey).count();
    if (moe != 0 && moe != LatencyFeatures.MOE_NAMES.size()) {
      for (String required : LatencyFeatures.MOE_NAMES) {
        requireColumn(file, index, required);
      }
    }
    return index;
  }

  private static void requireColumn(Path file, Map<String, Integer> index, String column) {
    if (!index.containsKey(column)) {
      throw new InvalidInputException(
          file + ": missing column '" + column + "' in the header line");
    }
  }

  private static LatencyRecord row(
      Path file, int line, List<String> cells, Map<String, Integer> header) {
    if (cells.size() != header.size()) {
      throw new InvalidInputException(
          file + " line " + line + ": " + cells.size() + " cells, the header has " + header.size());
    }
    boolean moe = header.containsKey(LatencyFeatures.MOE_NAMES.get(0));
    List<String> names = moe ? LatencyFeatures.NAMES : LatencyFeatures.HAT_NAMES;
    double[] features = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      features[i] = number(file, line, names.get(i), cells, header);
    }
    double encMean = number(file, line, LATENCY_COLUMNS.get(0), cells, header);
    double decMean = number(file, line, LATENCY_COLUMNS.get(1), cells, header);
    double encStd =
        header.containsKey(LATENCY_COLUMNS.get(2))
            ? number(file, line, LATENCY_COLUMNS.get(2), cells, header)
            : 0;
    double decStd =
        header.containsKey(LATENCY_COLUMNS.get(3))
            ? number(file, line, LATENCY_COLUMNS.get(3), cells, header)
            : 0;
    if (encMean < 0 || decMean < 0 || encMean + decMean <= 0) {
      throw new InvalidInputException(
          file
              + " line "
              + line
              + ": latencies must be positive, but were "
              + encMean
              + " and "
              + decMean);
    }
    Architecture arch = null;
    Integer archColumn = header.get(ARCH_COLUMN);
    if (archColumn != null && !cells.get(archColumn).isBlank()) {
      try {
        arch = ArchitectureKey.parse(cells.get(archColumn));
      } catch (InvalidInputException e) {
        throw new InvalidInputException(
            file + " line " + line + " column '" + ARCH_COLUMN + "': " + e.getMessage());
      }
    }
    double reference = Double.NaN;
    Integer referenceColumn = header.get(REFERENCE_COLUMN);
    if (referenceColumn != null && !cells.get(referenceColumn).isBlank()) {
      reference = number(file, line, REFERENCE_COLUMN, cells, header);
      if (!(reference > 0)) {
        throw new InvalidInputException(
            file + " line " + line + " column '" + REFERENCE_COLUMN + "': must be positive");
      }
    }
    return new LatencyRecord(features, encMean, decMean, encStd, decStd, arch, reference);
  }

  private static double number(
      Path file, int line, String column, List<String> cells, Map<String, Integer> header) {
    String cell = cells.get(header.get(column)).strip();
    try {
      double v = Double.parseDouble(cell);
      if (Double.isFinite(v)) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new InvalidInputException(
        file + " line " + line + " column '" + column + "': '" + cell + "' is not a number");
  }

  /** Splits one CSV line; double quotes protect commas, and "" inside quotes is one quote. */
  static List<String> split(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cell.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  /** One line of our format for a measured architecture (reference NaN: left empty). */
  static String line(LatencySample s, double referenceMs) {
    double[] f = LatencyFeatures.of(s.architecture());
    List<String> cells = new ArrayList<>();
    for (int i = 0; i < LatencyFeatures.HAT_NAMES.size(); i++) {
      cells.add(format(f[i]));
    }
    cells.add(format(s.encoderMeanMs()));
    cells.add(format(s.decoderMeanMs()));
    cells.add(format(s.encoderStdMs()));
    cells.add(format(s.decoderStdMs()));
    for (int i = LatencyFeatures.HAT_NAMES.size(); i < f.length; i++) {
      cells.add(format(f[i]));
    }
    cells.add(Double.isNaN(referenceMs) ? "" : format(referenceMs));
    cells.add('"' + s.architecture().key() + '"');
    return String.join(",", cells);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.6f", v);
  }

  /**
   * Appends measured rows to a dataset file, creating it with the metadata comments and the header
   * when it does not exist. Each row is flushed as it is written, so a stopped run keeps them.
   */
  public static final class Appender implements AutoCloseable {
    private final BufferedWriter out;

    public Appender(Path file, Map<String, String> metadata) {
      try {
        boolean fresh = !Files.exists(file) || Files.size(file) == 0;
        if (!fresh) {
          requireOurHeader(file);
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        out =
            Files.newBufferedWriter(
                file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        if (fresh) {
          for (Map.Entry<String, String> e : metadata.entrySet()) {
            out.write("# " + e.getKey() + ": " + e.getValue() + "\n");
          }
          out.write(String.join(",", COLUMNS) + "\n");
          out.flush();
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write " + file, e);
      }
    }

    /** Rows are appended in our column order, so an existing file must have exactly it. */
    private static void requireOurHeader(Path file) throws IOException {
      String header =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .map(String::strip)
              .filter(l -> !l.isEmpty() && !l.startsWith("#"))
              .findFirst()
              .orElse("");
      if (!header.equals(String.join(",", COLUMNS))) {
        throw new InvalidInputException(
            file
                + ": its header line is not this version's ("
                + String.join(",", COLUMNS)
                + "); measure into another file");
      }
    }

    public void append(LatencySample s) {
      append(s, Double.NaN);
    }

    /** Appends a row measured right after the reference architecture took {@code referenceMs}. */
    public void append(LatencySample s, double referenceMs) {
      try {
        out.write(line(s, referenceMs) + "\n");
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      try {
        out.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
