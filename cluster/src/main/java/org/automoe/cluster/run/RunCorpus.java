package org.automoe.cluster.run;

import java.nio.file.Path;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;

/** The corpus stage of a run: the configured corpus, or the bundled one, copied into the run. */
public final class RunCorpus {
  public static final String BUNDLED = CorpusFiles.BUNDLED;

  private RunCorpus() {}

  /** Writes the corpus to {@code target} and describes it in one line. */
  static String prepare(String configured, Path target) {
    boolean bundled = configured == null || configured.isBlank();
    Corpus c = bundled ? CorpusFiles.readBundled(BUNDLED) : CorpusFiles.read(Path.of(configured));
    CorpusFiles.write(target, c);
    return String.format(
        "%s (%d train, %d valid, %d test pairs)",
        bundled ? "bundled en-de corpus from Debian packages" : configured,
        c.train().size(),
        c.valid().size(),
        c.test().size());
  }
}
