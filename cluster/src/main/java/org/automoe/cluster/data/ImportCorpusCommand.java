package org.automoe.cluster.data;

import java.nio.file.Path;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.core.InvalidInputException;
import org.automoe.core.RunDirectory;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusBuilder;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.data.UserCorpus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe data import}: a user's TSV file or aligned text files as a corpus folder, split by
 * chunks of 50 lines; bad lines are counted and reported, not fatal.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description =
        "Turn a TSV file (--tsv) or two aligned files (--src, --tgt) into a corpus folder.")
final class ImportCorpusCommand implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(ImportCorpusCommand.class);

  @Option(names = "--tsv", description = "source<TAB>target per line")
  Path tsv;

  @Option(names = "--src", description = "source sentences, one per line")
  Path src;

  @Option(names = "--tgt", description = "target sentences aligned with --src")
  Path tgt;

  @Option(names = "--out", required = true, description = "corpus folder to write")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "split seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public void run() {
    UserCorpus.Read read;
    if (tsv != null && src == null && tgt == null) {
      read = UserCorpus.tsv(tsv);
    } else if (tsv == null && src != null && tgt != null) {
      read = UserCorpus.aligned(src, tgt);
    } else {
      throw new InvalidInputException("give either --tsv FILE, or --src FILE and --tgt FILE");
    }
    CorpusBuilder builder = CorpusBuilder.defaults(seed);
    CorpusBuilder.Result result = builder.build(Map.of("user", read.pairs()));
    Corpus c = result.corpus();
    CorpusFiles.write(out, c);
    UserCorpus.Report r = read.report();
    String input = tsv != null ? tsv.toString() : src + " + " + tgt;
    new RunDirectory(out).write("manifest.json", Json.write(Manifest.of(input, r, c, seed)) + "\n");
    System.out.printf(
        "%d lines: %d kept, %d skipped (%d empty side, %d wrong column count, %d invalid UTF-8)%n",
        r.lines(), r.kept(), r.skipped(), r.emptySide(), r.wrongColumns(), r.invalidUtf8());
    System.out.printf(
        "split: %d train, %d valid, %d test -> %s%n",
        c.train().size(), c.valid().size(), c.test().size(), out);
    if (c.valid().isEmpty() || c.test().isEmpty()) {
      LOG.warn("an empty validation or test split; the corpus is too small to evaluate on");
    }
  }

  /** {@code manifest.json}: the input, what became of its lines, the split sizes and the seed. */
  record Manifest(
      String input,
      int lines,
      int kept,
      int skippedEmptySide,
      int skippedWrongColumns,
      int skippedInvalidUtf8,
      int train,
      int valid,
      int test,
      long seed) {
    static Manifest of(String input, UserCorpus.Report r, Corpus c, long seed) {
      return new Manifest(
          input,
          r.lines(),
          r.kept(),
          r.emptySide(),
          r.wrongColumns(),
          r.invalidUtf8(),
          c.train().size(),
          c.valid().size(),
          c.test().size(),
          seed);
    }
  }
}
