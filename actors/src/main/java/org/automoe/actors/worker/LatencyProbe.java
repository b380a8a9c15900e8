package org.automoe.actors.worker;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.automoe.actors.WireMessage;
import org.automoe.core.arch.Architecture;
import org.automoe.core.latency.LatencySample;

/**
 * Measures architectures' real latency on its node (HAT's protocol on the node's supernet), one at
 * a time on a blocking executor so two measurements never share the cores. Registered with the
 * Receptionist, so a coordinator on any node can have its finalists measured.
 */
public final class LatencyProbe {
  private LatencyProbe() {}

  /** Probes of every worker node register under this key. */
  public static final ServiceKey<Command> PROBES =
      ServiceKey.create(Command.class, "automoe-latency-probes");

  /** Measures one architecture; blocking, called off the actor threads. */
  @FunctionalInterface
  public interface Meter {
    Measurement measure(Architecture architecture, int runs);
  }

  /**
   * A measurement next to the machine's speed at the time.
   *
   * @param sample the raw measurement
   * @param referenceMs the reference architecture's latency around it (NaN without one)
   * @param typicalMs the measurement at the machine's typical speed (the raw one without reference)
   */
  public record Measurement(LatencySample sample, double referenceMs, double typicalMs) {}

  /** What a probe understands. */
  public sealed interface Command {}

  /** Measure {@code architecture} with {@code runs} timed runs. */
  public record Measure(Architecture architecture, int runs, ActorRef<Measured> replyTo)
      implements Command, WireMessage {}

  /** The answer: a measurement, or why there is none. */
  public record Measured(
      Architecture architecture, Optional<Measurement> measurement, Optional<String> failure)
      implements WireMessage {}

  private record Done(Measure request, Measured answer)
      implements Command, NoSerializationVerificationNeeded {}

  public static Behavior<Command> create(Meter meter, Executor blocking) {
    return Behaviors.setup(
        ctx -> {
          ctx.getSystem().receptionist().tell(Receptionist.register(PROBES, ctx.getSelf()));
          Deque<Measure> queue = new ArrayDeque<>();
          boolean[] busy = {false};
          Runnable startNext =
              () -> {
                if (busy[0] || queue.isEmpty()) {
                  return;
                }
                busy[0] = true;
                Measure m = queue.pollFirst();
                ctx.pipeToSelf(
                    CompletableFuture.supplyAsync(
                        () -> meter.measure(m.architecture(), m.runs()), blocking),
                    (ok, error) ->
                        new Done(
                            m,
                            ok != null
                                ? new Measured(m.architecture(), Optional.of(ok), Optional.empty())
                                : new Measured(
                                    m.architecture(),
                                    Optional.empty(),
                                    Optional.of(
                                        String.valueOf(
                                            error.getCause() != null
                                                ? error.getCause()
                                                : error)))));
              };
          return Behaviors.receive(Command.class)
              .onMessage(
                  Measure.class,
                  m -> {
                    queue.addLast(m);
                    startNext.run();
                    return Behaviors.same();
                  })
              .onMessage(
                  Done.class,
                  d -> {
                    busy[0] = false;
                    d.request().replyTo().tell(d.answer());
                    startNext.run();
                    return Behaviors.same();
                  })
              .build();
        });
  }
}
