package org.automoe.cluster.data;

import java.nio.file.Path;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.CorpusFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe bpe learn}: a joint vocabulary from both sides of a corpus's training split. */
@Command(
    name = "learn",
    mixinStandardHelpOptions = true,
    description = "Learn a joint BPE vocabulary from both sides of a corpus's training split.")
final class BpeLearnCommand implements Runnable {
  @Option(names = "--corpus", description = "corpus folder")
  Path corpus;

  @Option(
      names = "--vocab",
      defaultValue = "8000",
      description = "vocabulary size (default: ${DEFAULT-VALUE})")
  int vocab;

  @Option(names = "--out", description = "BPE file to write")
  Path out;

  @Override
  public void run() {
    if (corpus == null || out == null) {
      throw new InvalidInputException("bpe learn needs --corpus DIR and --out FILE");
    }
    Bpe bpe =
        new BpeLearner(vocab, BpeLearner.DEFAULT_MIN_CHAR_COUNT)
            .learnJoint(CorpusFiles.read(corpus));
    BpeFiles.write(out, bpe);
    System.out.println(
        "wrote " + out + ": " + bpe.vocabSize() + " tokens (" + bpe.merges().size() + " merges)");
  }
}
