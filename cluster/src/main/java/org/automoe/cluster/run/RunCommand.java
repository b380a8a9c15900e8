package org.automoe.cluster.run;

import com.typesafe.config.Config;
import java.nio.file.Path;
import org.automoe.cluster.cli.Logging;
import org.automoe.cluster.search.SearchSettings;
import org.automoe.core.RunDirectory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe run}: the whole pipeline on the embedded defaults, each stage writing into the run
 * directory so a rerun resumes or reuses it.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description =
        "Run the pipeline on embedded defaults: space survey, corpus, BPE, supernet, latency"
            + " dataset and predictor, evolutionary search on the embedded cluster, the searched"
            + " architecture and a dense baseline trained and compared.")
public final class RunCommand implements Runnable {
  @Option(
      names = "--profile",
      description =
          "a packaged profile (demo: tiny space; small: CPU-scale space; more in"
              + " conf/profiles/) or a profile .conf file; default from config")
  String profile;

  @Option(names = "--run", description = "run directory (default: <automoe.run.dir>/<profile>)")
  Path runDir;

  @Option(names = "--seed", description = "root seed (default: automoe.run.seed)")
  Long seed;

  @Option(names = "--config", description = "HOCON file overriding the packaged application.conf")
  Path config;

  @Override
  public void run() {
    Config conf = RunSettings.load(config);
    RunSettings defaults = RunSettings.from(conf);
    SearchSettings.from(conf); // checked now, not hours later at the search stage
    RunSettings s =
        defaults.with(
            profile != null ? profile : defaults.profile(), seed != null ? seed : defaults.seed());
    Profile p = Profile.load(s.profile());
    RunDirectory dir = new RunDirectory(runDir != null ? runDir : s.dir().resolve(p.name()));
    try (Logging.LogFile log = Logging.toFile(dir.root().resolve("run.log"))) {
      Pipeline.run(new RunContext(dir, s, p, conf));
    }
    System.out.println(
        "wrote space.yml, largest.yml, largest-dense.yml, smallest.yml, survey.csv, corpus/, bpe/,"
            + " supernet/, latency/, search/, final/, results.json, results.md, run.json, run.log"
            + " to "
            + dir.root());
  }
}
