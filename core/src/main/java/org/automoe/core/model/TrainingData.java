package org.automoe.core.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.data.Example;
import org.automoe.core.data.ParallelPair;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The corpus and vocabulary of a supernet folder: the corpus is copied into {@code DIR/corpus} and
 * the BPE into {@code DIR/bpe.txt}, so evaluation later needs nothing but the folder.
 */
public record TrainingData(Corpus corpus, Bpe bpe, String bpeSha256) {
  private static final Logger LOG = LoggerFactory.getLogger(TrainingData.class);

  /**
   * Prepares {@code dir}: corpus (given folder or bundled) and BPE (given, existing, or learned).
   */
  public static TrainingData prepare(Path dir, Path corpusDir, Path bpeFile, int vocab) {
    try {
      Files.createDirectories(dir);
      Path corpusCopy = dir.resolve("corpus");
      Corpus corpus;
      if (Files.isDirectory(corpusCopy)) {
        corpus = CorpusFiles.read(corpusCopy);
      } else {
        corpus =
            corpusDir == null
                ? CorpusFiles.readBundled(CorpusFiles.BUNDLED)
                : CorpusFiles.read(corpusDir);
        CorpusFiles.write(corpusCopy, corpus);
      }
      Path model = dir.resolve("bpe.txt");
      if (bpeFile != null) {
        Bpe given = BpeFiles.read(bpeFile);
        if (Files.isRegularFile(model)
            && !BpeFiles.sha256(model).equals(BpeFiles.sha256(bpeFile))) {
          throw new InvalidInputException(
              dir + ": already trained with another BPE file; use another --out");
        }
        Files.copy(bpeFile, model, StandardCopyOption.REPLACE_EXISTING);
        LOG.debug("BPE: {} ({} tokens)", bpeFile, given.vocabSize());
      } else if (!Files.isRegularFile(model)) {
        BpeFiles.write(
            model, new BpeLearner(vocab, BpeLearner.DEFAULT_MIN_CHAR_COUNT).learnJoint(corpus));
        LOG.info("BPE: learned {} tokens on the training split -> {}", vocab, model);
      }
      return new TrainingData(corpus, BpeFiles.read(model), BpeFiles.sha256(model));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a prepared folder back (for evaluation). */
  public static TrainingData open(Path dir) {
    Path model = dir.resolve("bpe.txt");
    if (!Files.isRegularFile(model)) {
      throw new InvalidInputException(dir + ": not a supernet folder (bpe.txt is missing)");
    }
    return new TrainingData(
        CorpusFiles.read(dir.resolve("corpus")), BpeFiles.read(model), BpeFiles.sha256(model));
  }

  /** The pairs as model examples, in order. */
  public static List<Example> encode(Bpe bpe, List<ParallelPair> pairs) {
    return pairs.stream().map(p -> Example.of(bpe, p)).toList();
  }
}
