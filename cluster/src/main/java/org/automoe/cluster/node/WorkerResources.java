package org.automoe.cluster.node;

import java.nio.file.Path;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.actors.worker.SupernetActor;
import org.automoe.cluster.latency.LatencyCheck;
import org.automoe.cluster.search.SearchSetup;
import org.automoe.core.search.Evaluator;

/**
 * What a worker node's {@link SupernetActor} holds: the supernet with its validation batches (the
 * evaluators' read-only handle) and latency measurements on it.
 */
public final class WorkerResources implements SupernetActor.Loaded {
  private final SearchSetup setup;
  private final boolean owned;
  private final String description;

  private WorkerResources(SearchSetup setup, boolean owned, String description) {
    this.setup = setup;
    this.owned = owned;
    this.description = description;
  }

  /** Loads the supernet at {@code supernet}; closed with the actor. */
  static WorkerResources load(Path supernet, int validSentences) {
    return new WorkerResources(
        SearchSetup.open(supernet, null, validSentences), true, "supernet " + supernet);
  }

  /** The coordinator node's own setup, already loaded; its owner closes it. */
  public static WorkerResources sharing(SearchSetup setup) {
    return new WorkerResources(setup, false, "supernet (shared with the coordinator)");
  }

  @Override
  public Evaluator evaluator() {
    return setup.evaluator();
  }

  @Override
  public LatencyProbe.Meter meter() {
    int threads = Integer.getInteger("ai.djl.pytorch.num_threads", 1);
    return (a, runs) -> {
      LatencyCheck.Measured m =
          LatencyCheck.measure(
              setup.net(), setup.sources(), a, setup.predictorMetadata(), runs, 1, threads);
      return new LatencyProbe.Measurement(m.sample(), m.referenceMs(), m.typicalMs());
    };
  }

  @Override
  public String fingerprint() {
    return setup.fingerprint();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public void close() {
    if (owned) {
      setup.close();
    }
  }
}
