package org.automoe.actors.worker;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;
import org.automoe.actors.WireMessage;
import org.automoe.core.arch.Architecture;
import org.automoe.core.latency.LatencySample;

/**
 * Measures architectures' real latency on its node (HAT's protocol on the node's supernet), one at
 * a time on a blocking executor so two measurements never share the cores. Registered with the
 * Receptionist, so a coordinator on any node can have its finalists measured.
 *
 * <p>At most {@link Settings#capacity()} requests wait; one more is answered at once with a
 * failure, as is a request for a number of runs outside [1, {@value #MAX_RUNS}], so a caller never
 * waits on a line that cannot move. Restarted by its supervisor, it answers the requests that
 * waited with a failure; the one being measured is still answered when it ends.
 */
public final class LatencyProbe extends AbstractBehavior<LatencyProbe.Command> {
  /** Probes of every worker node register under this key. */
  public static final ServiceKey<Command> PROBES =
      ServiceKey.create(Command.class, "automoe-latency-probes");

  /** Most timed runs one measurement may ask for (HAT uses 100 to 300). */
  public static final int MAX_RUNS = 1000;

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

  /**
   * @param capacity requests that may wait behind the one being measured
   */
  public record Settings(int capacity) {
    public Settings {
      if (capacity < 1) {
        throw new IllegalArgumentException(
            "probe queue capacity must be at least 1, but was " + capacity);
      }
    }

    public static Settings defaults() {
      return new Settings(16);
    }
  }

  /** What a probe understands. */
  public sealed interface Command {}

  /** Measure {@code architecture} with {@code runs} timed runs. */
  public record Measure(Architecture architecture, int runs, ActorRef<Measured> replyTo)
      implements Command, WireMessage {}

  /** The answer: a measurement, or why there is none. */
  public record Measured(
      Architecture architecture, Optional<Measurement> measurement, Optional<String> failure)
      implements WireMessage {
    static Measured failed(Architecture architecture, String why) {
      return new Measured(architecture, Optional.empty(), Optional.of(why));
    }
  }

  /** A measurement on the blocking executor ended. */
  private record Done(Measure request, Measured answer)
      implements Command, NoSerializationVerificationNeeded {}

  private final Meter meter;
  private final Executor blocking;
  private final ProbeQueue<Measure> queue;

  public static Behavior<Command> create(Meter meter, Executor blocking) {
    return create(meter, blocking, Settings.defaults());
  }

  public static Behavior<Command> create(Meter meter, Executor blocking, Settings settings) {
    // One line for every incarnation: a measurement still running on the executor when the probe
    // restarts keeps the next one waiting, so two never share the cores.
    ProbeQueue<Measure> queue = new ProbeQueue<>(settings.capacity());
    return Behaviors.setup(ctx -> new LatencyProbe(ctx, meter, blocking, queue));
  }

  private LatencyProbe(
      ActorContext<Command> ctx, Meter meter, Executor blocking, ProbeQueue<Measure> queue) {
    super(ctx);
    this.meter = meter;
    this.blocking = blocking;
    this.queue = queue;
    ctx.getSystem().receptionist().tell(Receptionist.register(PROBES, ctx.getSelf()));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Measure.class, this::onMeasure)
        .onMessage(Done.class, this::onDone)
        .onSignal(PreRestart.class, s -> onPreRestart())
        .build();
  }

  private Behavior<Command> onMeasure(Measure m) {
    if (m.runs() < 1 || m.runs() > MAX_RUNS) {
      reject(m, "runs must be in [1, " + MAX_RUNS + "], but was " + m.runs());
    } else if (!queue.offer(m)) {
      reject(m, "probe queue full (" + queue.waiting() + " waiting)");
    } else {
      startNext();
    }
    return this;
  }

  private Behavior<Command> onDone(Done d) {
    d.request().replyTo().tell(d.answer());
    queue.finish(d.request());
    startNext();
    return this;
  }

  /**
   * The waiting requests are told to ask again; a measurement still running stays marked, and its
   * answer reaches the next incarnation, which then starts the next request.
   */
  private Behavior<Command> onPreRestart() {
    queue.drain().forEach(m -> reject(m, "the latency probe restarted; ask again"));
    return this;
  }

  private void startNext() {
    queue.start().ifPresent(this::measure);
  }

  private void measure(Measure m) {
    getContext()
        .pipeToSelf(
            CompletableFuture.supplyAsync(
                () -> meter.measure(m.architecture(), m.runs()), blocking),
            (ok, error) -> new Done(m, answer(m, ok, error)));
  }

  private static Measured answer(Measure m, Measurement ok, Throwable error) {
    if (ok != null) {
      return new Measured(m.architecture(), Optional.of(ok), Optional.empty());
    }
    Throwable cause = error.getCause() != null ? error.getCause() : error;
    return Measured.failed(m.architecture(), String.valueOf(cause));
  }

  private void reject(Measure m, String why) {
    getContext().getLog().warn("latency request refused: {}", why);
    m.replyTo().tell(Measured.failed(m.architecture(), why));
  }
}
