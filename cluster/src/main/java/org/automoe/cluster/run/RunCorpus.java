package org.automoe.cluster.run;

import java.nio.file.Path;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;

/** The corpus stage of a run: the configured corpus, or the bundled one, copied into the run. */
public final class RunCorpus implements Stage<RunCorpus.Prepared> {
  public static final String BUNDLED = CorpusFiles.BUNDLED;

  /** The corpus written to {@code corpus/}: where it came from and its split sizes. */
  record Prepared(String source, boolean bundled, int train, int valid, int test)
      implements StageResult {
    @Override
    public String summary() {
      return String.format(
          "%s (%d train, %d valid, %d test pairs) -> corpus/",
          bundled ? "bundled en-de corpus from Debian packages" : source, train, valid, test);
    }
  }

  @Override
  public Prepared run(RunContext run) {
    String configured = run.settings().corpus();
    boolean bundled = configured == null || configured.isBlank();
    Corpus c = bundled ? CorpusFiles.readBundled(BUNDLED) : CorpusFiles.read(Path.of(configured));
    CorpusFiles.write(run.root().resolve("corpus"), c);
    return new Prepared(
        bundled ? BUNDLED : configured,
        bundled,
        c.train().size(),
        c.valid().size(),
        c.test().size());
  }
}
