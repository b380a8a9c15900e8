package org.automoe.cluster.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.automoe.core.RunDirectory;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.CorpusFiles;

/**
 * The BPE stage of a run: a joint vocabulary learned on the training split. A vocabulary learned
 * earlier from the same training file with the same size is reused, so re-running a run is cheap.
 */
public final class RunBpe implements Stage<RunBpe.Prepared> {
  public static final int MIN_CHAR_COUNT = BpeLearner.DEFAULT_MIN_CHAR_COUNT;

  /**
   * The vocabulary in {@code bpe/bpe.txt}.
   *
   * @param reused true when an earlier run's vocabulary fitted and was kept
   * @param sentences sentences learned from (0 when reused)
   * @param seconds learning time (0 when reused)
   */
  record Prepared(
      Path model,
      boolean reused,
      int vocabSize,
      int characters,
      int merges,
      int sentences,
      double seconds)
      implements StageResult {
    @Override
    public String summary() {
      return reused
          ? "reused " + model + " (" + vocabSize + " tokens) -> bpe/bpe.txt"
          : String.format(
              Locale.ROOT,
              "learned %d tokens (%d characters, %d merges) on %d sentences in %.1f s ->"
                  + " bpe/bpe.txt",
              vocabSize,
              characters,
              merges,
              sentences,
              seconds);
    }
  }

  @Override
  public Prepared run(RunContext run) {
    return prepare(
        run.root().resolve("corpus"), run.root().resolve("bpe"), run.profile().bpeVocab());
  }

  /** Learns or reuses {@code dir/bpe.txt}. */
  static Prepared prepare(Path corpus, Path dir, int vocab) {
    Path model = dir.resolve("bpe.txt");
    String trainSha = BpeFiles.sha256(corpus.resolve("train.tsv.gz"));
    String key = "vocab " + vocab + ", min char count " + MIN_CHAR_COUNT + ", train " + trainSha;
    Path stamp = dir.resolve("learned-from.txt");
    try {
      if (Files.isRegularFile(model)
          && Files.isRegularFile(stamp)
          && Files.readString(stamp).strip().equals(key)) {
        Bpe reused = BpeFiles.read(model);
        return new Prepared(
            model,
            true,
            reused.vocabSize(),
            reused.alphabet().size(),
            reused.merges().size(),
            0,
            0);
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var train = CorpusFiles.read(corpus);
    long start = System.nanoTime();
    Bpe bpe = new BpeLearner(vocab, MIN_CHAR_COUNT).learnJoint(train);
    BpeFiles.write(model, bpe);
    new RunDirectory(dir).write("learned-from.txt", key + "\n");
    return new Prepared(
        model,
        false,
        bpe.vocabSize(),
        bpe.alphabet().size(),
        bpe.merges().size(),
        2 * train.train().size(),
        (System.nanoTime() - start) / 1e9);
  }
}
