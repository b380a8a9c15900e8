package org.automoe.cluster.run;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Version;
import org.automoe.cluster.space.SpaceSurvey;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;
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
      description = "demo (tiny space) or small (CPU-scale space); default from config")
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
    RunSettings s =
        new RunSettings(
            profile != null ? profile : defaults.profile(),
            defaults.dir(),
            seed != null ? seed : defaults.seed(),
            defaults.surveySamples(),
            defaults.corpus(),
            defaults.supernetSteps(),
            defaults.latencySamples(),
            defaults.predictorSteps(),
            defaults.latencyRuns(),
            defaults.searchBudget(),
            defaults.searchMaxLatencyMs(),
            defaults.retrainSteps());
    SearchSpace space = Profile.space(s.profile());
    RunDirectory dir = new RunDirectory(runDir != null ? runDir : s.dir().resolve(s.profile()));
    int total = 8;
    System.out.printf(
        "automoe run: profile %s, space %s, seed %d, run directory %s%n",
        s.profile(), space.name(), s.seed(), dir.root());

    dir.write("space.yml", SearchSpaceCodec.toYaml(space));
    dir.write("largest.yml", HatYamlCodec.write(Extremes.largest(space, false)));
    dir.write("largest-dense.yml", HatYamlCodec.write(Extremes.largest(space, true)));
    dir.write("smallest.yml", HatYamlCodec.write(Extremes.smallest(space)));
    List<SpaceSurvey.Row> rows = SpaceSurvey.draw(space, s.seed(), s.surveySamples());
    dir.write("survey.csv", SpaceSurvey.csv(rows));
    System.out.printf(
        "[1/%d] space survey: done: %s -> survey.csv%n", total, SpaceSurvey.summary(rows));

    Map<String, Object> stages = new LinkedHashMap<>();
    stages.put("space survey", "done");
    String corpus = RunCorpus.prepare(s.corpus(), dir.root().resolve("corpus"));
    System.out.printf("[2/%d] corpus: done: %s -> corpus/%n", total, corpus);
    stages.put("corpus", "done");
    String bpe =
        RunBpe.prepare(
            dir.root().resolve("corpus"), dir.root().resolve("bpe"), Profile.bpeVocab(s.profile()));
    System.out.printf("[3/%d] BPE: done: %s -> bpe/bpe.txt%n", total, bpe);
    stages.put("BPE", "done");
    int steps = s.supernetSteps() > 0 ? s.supernetSteps() : Profile.supernetSteps(s.profile());
    System.out.printf("[4/%d] supernet training: %d steps -> supernet/%n", total, steps);
    String trained = RunSupernet.train(dir.root(), space, s.profile(), s, steps);
    System.out.printf("[4/%d] supernet training: done: %s%n", total, trained);
    stages.put("supernet training", "done");
    String largest = RunSupernet.evaluateLargest(dir.root(), Profile.testSentences(s.profile()));
    System.out.printf("[5/%d] largest subnet with inherited weights: %s%n", total, largest);
    stages.put("largest subnet evaluation", "done");
    int samples = s.latencySamples() > 0 ? s.latencySamples() : Profile.latencySamples(s.profile());
    System.out.printf(
        "[6/%d] latency dataset + predictor: measuring %d architectures -> latency/%n",
        total, samples);
    String latency =
        RunLatency.run(dir.root(), samples, s.seed(), s.predictorSteps(), s.latencyRuns());
    System.out.printf("[6/%d] latency dataset + predictor: done: %s%n", total, latency);
    stages.put("latency dataset + predictor", "done");
    int budget = s.searchBudget() > 0 ? s.searchBudget() : Profile.searchBudget(s.profile());
    System.out.printf("[7/%d] evolutionary search: %d evaluations -> search/%n", total, budget);
    RunSearch.Done searched =
        RunSearch.run(dir.root(), conf, budget, s.searchMaxLatencyMs(), s.seed());
    System.out.printf("[7/%d] evolutionary search: done: %s%n", total, searched.summary());
    stages.put("evolutionary search", "done");
    int retrain = s.retrainSteps() > 0 ? s.retrainSteps() : Profile.retrainSteps(s.profile());
    System.out.printf(
        "[8/%d] finalists: searched and dense baseline, %d updates each -> final/%n",
        total, retrain);
    String compared =
        searched.outcome().result().best().isEmpty()
            ? "skipped: the search evaluated nothing"
            : RunFinalists.run(
                dir.root(),
                searched.outcome(),
                searched.limitMs(),
                retrain,
                Profile.testSentences(s.profile()),
                s.seed(),
                line -> System.out.println("      " + line));
    System.out.printf("[8/%d] finalists: done: %s%n", total, compared);
    stages.put("finalists", "done");
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("version", Version.current());
    manifest.put("profile", s.profile());
    manifest.put("space", space.name());
    manifest.put("seed", s.seed());
    manifest.put("surveySamples", s.surveySamples());
    manifest.put("stages", stages);
    dir.write("run.json", Json.write(manifest) + "\n");
    System.out.println(
        "wrote space.yml, largest.yml, largest-dense.yml, smallest.yml, survey.csv, corpus/, bpe/,"
            + " supernet/, latency/, search/, final/, results.json, results.md, run.json to "
            + dir.root());
  }
}
