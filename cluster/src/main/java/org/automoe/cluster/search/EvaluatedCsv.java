package org.automoe.cluster.search;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.automoe.core.evo.Individual;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A search's {@code evaluated.csv}, only ever appended to: one row per result as it comes, each
 * flushed at once. A resumed search first appends the results its journal replays that the file
 * missed (a crash between the journal and the file); a row torn by a crash is cut on opening.
 */
final class EvaluatedCsv implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(EvaluatedCsv.class);

  private final Path file;
  private final BufferedWriter out;
  private boolean closed;

  /**
   * Rows on disk when the search (re)started, then the number of the last result a resume appended.
   */
  private long rowsOnDisk;

  private final boolean startedEmpty;

  /** A resume found rows missing that the replay cannot give back; said once. */
  private boolean gapReported;

  /** Opens (or creates, with its header) {@code folder/evaluated.csv} for appending. */
  EvaluatedCsv(Path folder) {
    this.file = folder.resolve(SearchReport.CSV_FILE);
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      boolean fresh = !Files.exists(file) || Files.size(file) == 0;
      this.rowsOnDisk = fresh ? 0 : CsvTail.completeRows(file);
      this.startedEmpty = rowsOnDisk == 0;
      this.out =
          Files.newBufferedWriter(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      if (fresh) {
        out.write(SearchReport.CSV_HEADER);
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Appends a new result. */
  synchronized void append(Individual i) {
    try {
      out.write(SearchReport.csvRow(i));
      out.flush();
    } catch (IOException e) {
      LOG.warn("cannot append to {}: {}", file, e.getMessage());
    }
  }

  /** A result replayed from the journal, with its number: appended when the file lacks it. */
  synchronized void replayed(long number, Individual i) {
    if (number <= rowsOnDisk) {
      return;
    }
    if (number > rowsOnDisk + 1 && !gapReported) {
      gapReported = true;
      LOG.warn(
          "{} lacks results {} to {}, which the journal holds before its last snapshot; to"
              + " rebuild the file in full, move it away and resume the search",
          file,
          rowsOnDisk + 1,
          number - 1);
    }
    append(i); // journaled, but the crash came before its row was written
    rowsOnDisk = number;
  }

  /** True when the file held no result when opened: a resume replays the whole journal. */
  boolean startedEmpty() {
    return startedEmpty;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      try {
        out.close();
      } catch (IOException e) {
        LOG.warn("cannot close {}: {}", file, e.getMessage());
      }
    }
  }
}
