package org.automoe.cluster.search;

import java.time.Duration;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.actors.worker.LatencyProbe;
import org.automoe.core.arch.Architecture;

/**
 * Has a {@link LatencyProbe} of the cluster measure an architecture: this node's own probe when it
 * has one (the hardware its latency data came from), else the first other one.
 */
final class ProbeClient {
  private final ActorSystem<?> system;
  private final Duration timeout;

  ProbeClient(ActorSystem<?> system, Duration timeout) {
    this.system = system;
    this.timeout = timeout;
  }

  LatencyProbe.Measurement measure(Architecture a, int runs) {
    ActorRef<LatencyProbe.Command> probe = pick();
    LatencyProbe.Measured m =
        await(
            AskPattern.<LatencyProbe.Command, LatencyProbe.Measured>ask(
                probe,
                replyTo -> new LatencyProbe.Measure(a, runs, replyTo),
                timeout,
                system.scheduler()),
            "the latency probe " + probe.path());
    return m.measurement()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the latency probe " + probe.path() + " failed: " + m.failure().orElse("")));
  }

  private ActorRef<LatencyProbe.Command> pick() {
    Receptionist.Listing listing =
        await(
            AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
                system.receptionist(),
                replyTo -> Receptionist.find(LatencyProbe.PROBES, replyTo),
                Duration.ofSeconds(10),
                system.scheduler()),
            "the receptionist");
    Set<ActorRef<LatencyProbe.Command>> probes = listing.getServiceInstances(LatencyProbe.PROBES);
    return probes.stream()
        .min(
            Comparator.<ActorRef<LatencyProbe.Command>, Boolean>comparing(
                    p -> !p.path().address().hasLocalScope())
                .thenComparing(p -> p.path().toString()))
        .orElseThrow(() -> new IllegalStateException("no latency probe in the cluster"));
  }

  private <T> T await(CompletionStage<T> stage, String what) {
    try {
      return stage.toCompletableFuture().get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + what, e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(what + " did not answer: " + e.getMessage(), e);
    }
  }
}
