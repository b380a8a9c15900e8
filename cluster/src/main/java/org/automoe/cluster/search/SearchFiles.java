package org.automoe.cluster.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.SearchJobSpec;
import org.automoe.core.search.SearchState;
import org.automoe.core.search.SearchStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The files a running search keeps in its folder: {@code evaluated.csv}, appended to as results
 * come ({@link EvaluatedCsv}), and {@code result.json} and {@code best.yml}, rewritten every so
 * often and at the end, so an interrupted search keeps its report.
 */
public final class SearchFiles implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SearchFiles.class);

  private final Path folder;
  private final SearchJobSpec spec;
  private final EvaluatedCsv csv;
  private final long everyNanos;
  private long lastReport = System.nanoTime();

  /** The files of {@code spec}'s search in {@code folder}, the report rewritten every 5 s. */
  public SearchFiles(Path folder, SearchJobSpec spec) {
    this(folder, spec, Duration.ofSeconds(5));
  }

  SearchFiles(Path folder, SearchJobSpec spec, Duration every) {
    this.folder = folder;
    this.spec = spec;
    this.everyNanos = every.toNanos();
    this.csv = new EvaluatedCsv(folder);
  }

  public void evaluated(Individual i) {
    csv.append(i);
  }

  /** A result replayed from the journal: appended when the file lacks it. */
  public void replayed(long number, Individual i) {
    csv.replayed(number, i);
  }

  /** True when the file held no result: a resume replays the whole journal to rebuild it. */
  public boolean startedEmpty() {
    return csv.startedEmpty();
  }

  /** What the search found so far: the report is rewritten when it is old enough. */
  public void snapshot(SearchState.Result result, SearchStatus s) {
    if (System.nanoTime() - lastReport >= everyNanos) {
      lastReport = System.nanoTime();
      writeReport(result, s);
    }
  }

  /** The end: the report written one last time, the csv closed. */
  public void finished(SearchState.Result result, SearchStatus s) {
    writeReport(result, s);
    close();
  }

  private void writeReport(SearchState.Result result, SearchStatus s) {
    try {
      SearchReport.write(folder, spec, result, s, List.of());
    } catch (RuntimeException e) {
      LOG.warn("cannot update the report in {}: {}", folder, e.getMessage());
    }
  }

  @Override
  public void close() {
    csv.close();
  }
}
