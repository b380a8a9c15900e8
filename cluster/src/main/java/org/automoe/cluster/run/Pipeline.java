package org.automoe.cluster.run;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Version;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code automoe run}, stage by stage: each stage's start and end go to the log as {@code [k/8]
 * name: ...} lines, its typed result to the next stages, and {@code run.json} records what ran.
 */
public final class Pipeline {
  private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

  /** The log pattern's key ({@code %X{indent}} in logback.xml) that indents a stage's lines. */
  private static final String INDENT = "indent";

  private static final String STAGE_INDENT = "      ";
  private static final int STAGES = 8;

  /** Every stage's result; {@code finalists} is empty when the search evaluated nothing. */
  public record Outcome(
      RunSurvey.Surveyed survey,
      RunCorpus.Prepared corpus,
      RunBpe.Prepared bpe,
      RunSupernet.Trained supernet,
      RunSupernet.LargestEvaluated largest,
      RunLatency.Measured latency,
      RunSearch.Done search,
      Optional<RunFinalists.Compared> finalists,
      RunManifest manifest) {}

  private final RunContext run;
  private final Map<String, String> stages = new LinkedHashMap<>();
  private int next = 1;

  private Pipeline(RunContext run) {
    this.run = run;
  }

  public static Outcome run(RunContext run) {
    return new Pipeline(run).runAll();
  }

  private Outcome runAll() {
    LOG.info(
        "automoe run: profile {}, space {}, seed {}, run directory {}",
        run.profile().name(),
        run.profile().space().name(),
        run.seed(),
        run.root());
    RunSurvey.Surveyed survey = stage("space survey", null, () -> new RunSurvey().run(run));
    RunCorpus.Prepared corpus = stage("corpus", null, () -> new RunCorpus().run(run));
    RunBpe.Prepared bpe = stage("BPE", null, () -> new RunBpe().run(run));
    RunSupernet.Trained supernet =
        stage(
            "supernet training",
            run.supernetSteps() + " steps -> supernet/",
            () -> RunSupernet.train(run));
    RunSupernet.LargestEvaluated largest =
        stage("largest subnet evaluation", null, () -> RunSupernet.evaluateLargest(run));
    RunLatency.Measured latency =
        stage(
            "latency dataset + predictor",
            "measuring " + run.latencySamples() + " architectures -> latency/",
            () -> new RunLatency().run(run));
    RunSearch.Done search =
        stage(
            "evolutionary search",
            run.searchBudget() + " evaluations -> search/",
            () -> new RunSearch().run(run));
    Optional<RunFinalists.Compared> finalists = finalists(search);
    RunManifest manifest =
        new RunManifest(
            Version.current(),
            run.profile().name(),
            run.profile().space().name(),
            run.seed(),
            run.settings().surveySamples(),
            new LinkedHashMap<>(stages));
    run.dir().write("run.json", Json.write(manifest) + "\n");
    return new Outcome(
        survey, corpus, bpe, supernet, largest, latency, search, finalists, manifest);
  }

  private Optional<RunFinalists.Compared> finalists(RunSearch.Done search) {
    int k = next++;
    String name = "finalists";
    LOG.info(
        "[{}/{}] {}: searched and dense baseline, {} updates each -> final/",
        k,
        STAGES,
        name,
        run.retrainSteps());
    Optional<RunFinalists.Compared> compared;
    try (MDC.MDCCloseable indent = MDC.putCloseable(INDENT, STAGE_INDENT)) {
      compared = RunFinalists.run(run, search);
    }
    LOG.info(
        "[{}/{}] {}: done: {}",
        k,
        STAGES,
        name,
        compared.map(StageResult::summary).orElse("skipped: the search evaluated nothing"));
    stages.put(name, "done");
    return compared;
  }

  /** Runs one stage between its start line (when it has one) and its done line. */
  private <R extends StageResult> R stage(String name, String starting, Supplier<R> body) {
    int k = next++;
    if (starting != null) {
      LOG.info("[{}/{}] {}: {}", k, STAGES, name, starting);
    }
    R result;
    try (MDC.MDCCloseable indent = MDC.putCloseable(INDENT, STAGE_INDENT)) {
      result = body.get();
    }
    LOG.info("[{}/{}] {}: done: {}", k, STAGES, name, result.summary());
    stages.put(name, "done");
    return result;
  }
}
