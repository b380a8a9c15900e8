package org.automoe.actors.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PreRestart;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The node guardian starts children and supervises them as asked. */
class NodeGuardianTest {
  private static final Duration PAUSE = Duration.ofMillis(300);

  private ActorTestKit kit;
  private ActorRef<NodeGuardian.Command> guardian;

  @BeforeEach
  void start() {
    kit =
        ActorTestKit.create(
            "node",
            ConfigFactory.parseString(
                    "pekko.actor.serialize-messages = on\n"
                        + "pekko.actor.allow-java-serialization = off\n"
                        + "pekko.loglevel = OFF\n")
                .withFallback(ConfigFactory.load()));
    guardian = kit.spawn(NodeGuardian.create(new NodeGuardian.Backoff(PAUSE, PAUSE, 0)));
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
  }

  /** A stand-in for an evaluator or probe: says when it starts, throws when told to. */
  private sealed interface Fake {}

  private enum Crash implements Fake, NoSerializationVerificationNeeded {
    INSTANCE
  }

  private record Ping(ActorRef<String> replyTo)
      implements Fake, NoSerializationVerificationNeeded {}

  private static Behavior<Fake> fake(AtomicInteger starts, ActorRef<String> events) {
    return Behaviors.setup(
        ctx -> {
          int start = starts.incrementAndGet();
          events.tell("started " + start);
          return Behaviors.receive(Fake.class)
              .onMessageEquals(Crash.INSTANCE, () -> crash())
              .onMessage(Ping.class, p -> pong(p, start))
              .onSignal(PreRestart.class, s -> restarting(events))
              .build();
        });
  }

  private static Behavior<Fake> crash() {
    throw new IllegalStateException("fake failure");
  }

  private static Behavior<Fake> pong(Ping p, int start) {
    p.replyTo().tell("pong from start " + start);
    return Behaviors.same();
  }

  private static Behavior<Fake> restarting(ActorRef<String> events) {
    events.tell("restarting");
    return Behaviors.same();
  }

  private <T> ActorRef<T> spawn(
      Behavior<T> behavior, String name, NodeGuardian.Supervision supervision) {
    TestProbe<StatusReply<ActorRef<T>>> replies = kit.createTestProbe();
    guardian.tell(new NodeGuardian.Spawn<>(behavior, name, supervision, replies.getRef()));
    return replies.receiveMessage(Duration.ofSeconds(10)).getValue();
  }

  @Test
  void restartsAFailingChildAfterTheBackoffPause() {
    TestProbe<String> events = kit.createTestProbe();
    AtomicInteger starts = new AtomicInteger();
    ActorRef<Fake> child =
        spawn(fake(starts, events.getRef()), "evaluator-0", NodeGuardian.Supervision.RESTART);
    events.expectMessage("started 1");

    long crashed = System.nanoTime();
    child.tell(Crash.INSTANCE);
    events.expectMessage("restarting");
    events.expectMessage(Duration.ofSeconds(10), "started 2");
    long pausedMs = (System.nanoTime() - crashed) / 1_000_000;
    assertTrue(pausedMs >= PAUSE.toMillis(), "restarted after " + pausedMs + " ms");

    TestProbe<String> asker = kit.createTestProbe();
    child.tell(new Ping(asker.getRef()));
    asker.expectMessage("pong from start 2");
  }

  @Test
  void aChildStartedToStopIsStoppedByAFailureAndTheGuardianCarriesOn() {
    TestProbe<String> events = kit.createTestProbe();
    AtomicInteger starts = new AtomicInteger();
    ActorRef<Fake> child =
        spawn(fake(starts, events.getRef()), "coordinator", NodeGuardian.Supervision.STOP);
    events.expectMessage("started 1");
    child.tell(Crash.INSTANCE);
    events.expectTerminated(child);
    assertEquals(1, starts.get(), "not restarted");

    spawn(fake(starts, events.getRef()), "another", NodeGuardian.Supervision.STOP);
    events.expectMessage("started 2");
  }

  @Test
  void aNameAlreadyTakenIsAnsweredWithAnError() {
    TestProbe<String> events = kit.createTestProbe();
    AtomicInteger starts = new AtomicInteger();
    spawn(fake(starts, events.getRef()), "probe", NodeGuardian.Supervision.RESTART);
    TestProbe<StatusReply<ActorRef<Fake>>> replies = kit.createTestProbe();
    guardian.tell(
        new NodeGuardian.Spawn<>(
            fake(starts, events.getRef()),
            "probe",
            NodeGuardian.Supervision.RESTART,
            replies.getRef()));
    StatusReply<ActorRef<Fake>> reply = replies.receiveMessage(Duration.ofSeconds(10));
    assertTrue(reply.isError());
    assertTrue(
        reply.getError().getMessage().startsWith("cannot start 'probe': "),
        reply.getError().getMessage());
  }

  @Test
  void rejectsABackoffThatCannotWork() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new NodeGuardian.Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), 0.2));
    assertEquals("backoff needs 0 < min <= max, but was min PT2S, max PT1S", e.getMessage());
  }
}
