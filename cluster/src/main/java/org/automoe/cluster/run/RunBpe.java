package org.automoe.cluster.run;

import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.RunDirectory;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.CorpusFiles;

/**
 * The BPE stage of a run: a joint vocabulary learned on the training split. A vocabulary learned
 * earlier from the same training file with the same size is reused, so re-running a run is cheap.
 */
public final class RunBpe {
  public static final int MIN_CHAR_COUNT = BpeLearner.DEFAULT_MIN_CHAR_COUNT;

  private RunBpe() {}

  /** Learns or reuses {@code dir/bpe.txt}; returns a one-line description. */
  static String prepare(Path corpus, Path dir, int vocab) {
    Path model = dir.resolve("bpe.txt");
    String trainSha = BpeFiles.sha256(corpus.resolve("train.tsv.gz"));
    String key = "vocab " + vocab + ", min char count " + MIN_CHAR_COUNT + ", train " + trainSha;
    Path stamp = dir.resolve("learned-from.txt");
    try {
      if (Files.isRegularFile(model)
          && Files.isRegularFile(stamp)
          && Files.readString(stamp).strip().equals(key)) {
        return "reused " + model + " (" + BpeFiles.read(model).vocabSize() + " tokens)";
      }
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    var train = CorpusFiles.read(corpus);
    long start = System.nanoTime();
    Bpe bpe = new BpeLearner(vocab, MIN_CHAR_COUNT).learnJoint(train);
    BpeFiles.write(model, bpe);
    new RunDirectory(dir).write("learned-from.txt", key + "\n");
    return String.format(
        "learned %d tokens (%d characters, %d merges) on %d sentences in %.1f s",
        bpe.vocabSize(),
        bpe.alphabet().size(),
        bpe.merges().size(),
        2 * train.train().size(),
        (System.nanoTime() - start) / 1e9);
  }
}
