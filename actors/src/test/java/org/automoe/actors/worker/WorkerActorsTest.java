package org.automoe.actors.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.FileNotFoundException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.actors.node.NodeGuardian;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.latency.LatencySample;
import org.automoe.core.search.Evaluator;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker node's actors: the supernet owner and the latency probe. */
class WorkerActorsTest {
  private ActorTestKit kit;
  private ExecutorService blocking;

  @BeforeEach
  void start() {
    kit =
        ActorTestKit.create(
            "worker",
            ConfigFactory.parseString(
                    "pekko.actor.serialize-messages = on\n"
                        + "pekko.actor.allow-java-serialization = off\n"
                        + "pekko.loglevel = OFF\n")
                .withFallback(ConfigFactory.load()));
    blocking = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stop() {
    kit.shutdownTestKit();
    blocking.shutdownNow();
  }

  private static Architecture arch(long seed) {
    GenomeLayout layout = new GenomeLayout(BuiltInSpaces.small());
    return layout.decode(new RandomSampler(layout).sample(Seeds.rng(seed)));
  }

  /** A meter whose latency is a function of the architecture, counting overlapping calls. */
  private static final class FakeMeter implements LatencyProbe.Meter {
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();

    /** Holds the first measurement until released, when set. */
    volatile CountDownLatch hold;

    final CountDownLatch holding = new CountDownLatch(1);

    /** Counted down by a measurement that starts while another runs. */
    final CountDownLatch overlapped = new CountDownLatch(1);

    @Override
    public LatencyProbe.Measurement measure(Architecture a, int runs) {
      if (mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max) > 1) {
        overlapped.countDown();
      }
      try {
        CountDownLatch h = hold;
        if (h != null) {
          hold = null;
          holding.countDown();
          h.await();
        }
        // A measurement takes time: one started meanwhile would show (and end the wait).
        overlapped.await(20, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running.decrementAndGet();
      double ms = a.encoderLayers().size() + 10.0 * a.decoderLayers().size();
      return new LatencyProbe.Measurement(
          new LatencySample(a, 1, 0, ms - 1, 0, runs, 1, 1, "fake"), 2.0, ms * 1.5);
    }
  }

  private static final class FakeLoaded implements SupernetActor.Loaded {
    final AtomicBoolean closed = new AtomicBoolean();
    final FakeMeter meter = new FakeMeter();

    @Override
    public Evaluator evaluator() {
      return c -> 1.0;
    }

    @Override
    public LatencyProbe.Meter meter() {
      return meter;
    }

    @Override
    public String fingerprint() {
      return "f1";
    }

    @Override
    public String description() {
      return "fake supernet";
    }

    @Override
    public void close() {
      closed.set(true);
    }
  }

  @Test
  void theProbeMeasuresOneArchitectureAtATimeAndAnswersEach() {
    FakeMeter meter = new FakeMeter();
    var probe = kit.spawn(LatencyProbe.create(meter, blocking), "probe");
    TestProbe<LatencyProbe.Measured> asker = kit.createTestProbe();
    for (long s = 1; s <= 4; s++) {
      probe.tell(new LatencyProbe.Measure(arch(s), 7, asker.getRef()));
    }
    for (long s = 1; s <= 4; s++) {
      LatencyProbe.Measured m = asker.receiveMessage(Duration.ofSeconds(10));
      assertEquals(arch(s), m.architecture(), "answered in the order asked");
      LatencyProbe.Measurement x = m.measurement().orElseThrow();
      assertEquals(7, x.sample().timedRuns());
      assertEquals(1.5 * x.sample().totalMs(), x.typicalMs(), 1e-12);
    }
    assertEquals(1, meter.mostAtOnce.get(), "measurements never overlap");
  }

  @Test
  void aMeasurementThatThrowsIsAnsweredWithTheReason() {
    LatencyProbe.Meter broken =
        (a, runs) -> {
          throw new IllegalStateException("native library missing");
        };
    var probe = kit.spawn(LatencyProbe.create(broken, blocking), "broken-probe");
    TestProbe<LatencyProbe.Measured> asker = kit.createTestProbe();
    probe.tell(new LatencyProbe.Measure(arch(1), 5, asker.getRef()));
    LatencyProbe.Measured m = asker.receiveMessage(Duration.ofSeconds(10));
    assertTrue(m.measurement().isEmpty());
    assertTrue(m.failure().orElseThrow().contains("native library missing"), m.toString());
  }

  @Test
  void aRequestBeyondTheQueueCapacityIsAnsweredAtOnceWithAFailure() {
    CountDownLatch release = new CountDownLatch(1);
    FakeMeter fake = new FakeMeter();
    LatencyProbe.Meter held =
        (a, runs) -> {
          awaitQuietly(release);
          return fake.measure(a, runs);
        };
    var probe =
        kit.spawn(LatencyProbe.create(held, blocking, new LatencyProbe.Settings(2)), "small-probe");
    TestProbe<LatencyProbe.Measured> asker = kit.createTestProbe();
    // The first is measured (held), the next two wait: the line is full.
    for (long s = 1; s <= 4; s++) {
      probe.tell(new LatencyProbe.Measure(arch(s), 3, asker.getRef()));
    }
    LatencyProbe.Measured refused = asker.receiveMessage(Duration.ofSeconds(10));
    assertEquals(arch(4), refused.architecture(), "answered before the held measurement ends");
    assertEquals(Optional.of("probe queue full (2 waiting)"), refused.failure());
    assertTrue(refused.measurement().isEmpty());
    release.countDown();
    for (long s = 1; s <= 3; s++) {
      LatencyProbe.Measured m = asker.receiveMessage(Duration.ofSeconds(10));
      assertEquals(arch(s), m.architecture());
      assertTrue(m.measurement().isPresent(), m.toString());
    }
  }

  @Test
  void runsOutsideTheBoundAreAnsweredWithAFailureNamingTheValue() {
    // A peer cannot send this either (the wire format rejects it), so no serialization here.
    ActorTestKit local =
        ActorTestKit.create(
            "local-bound",
            ConfigFactory.parseString("pekko.loglevel = OFF").withFallback(ConfigFactory.load()));
    try {
      FakeMeter meter = new FakeMeter();
      var probe = local.spawn(LatencyProbe.create(meter, blocking), "bounded-probe");
      TestProbe<LatencyProbe.Measured> asker = local.createTestProbe();
      probe.tell(new LatencyProbe.Measure(arch(1), LatencyProbe.MAX_RUNS + 1, asker.getRef()));
      LatencyProbe.Measured tooMany = asker.receiveMessage(Duration.ofSeconds(10));
      assertEquals(Optional.of("runs must be in [1, 1000], but was 1001"), tooMany.failure());
      probe.tell(new LatencyProbe.Measure(arch(2), LatencyProbe.MAX_RUNS, asker.getRef()));
      LatencyProbe.Measured most = asker.receiveMessage(Duration.ofSeconds(10));
      assertEquals(LatencyProbe.MAX_RUNS, most.measurement().orElseThrow().sample().timedRuns());
      assertEquals(1, meter.mostAtOnce.get(), "the refused request was never measured");
    } finally {
      local.shutdownTestKit();
    }
  }

  @Test
  void aRestartDuringAMeasurementDoesNotStartAnotherBesideIt() throws Exception {
    ActorTestKit local =
        ActorTestKit.create(
            "local-restart",
            ConfigFactory.parseString("pekko.loglevel = OFF").withFallback(ConfigFactory.load()));
    try {
      FakeMeter meter = new FakeMeter();
      CountDownLatch release = new CountDownLatch(1);
      meter.hold = release;
      var probe =
          local.spawn(
              NodeGuardian.Supervision.RESTART.apply(
                  LatencyProbe.create(meter, blocking),
                  new NodeGuardian.Backoff(Duration.ofMillis(10), Duration.ofMillis(20), 0)),
              "restarted-probe");
      TestProbe<LatencyProbe.Measured> asker = local.createTestProbe();
      probe.tell(new LatencyProbe.Measure(arch(1), 5, asker.getRef()));
      assertTrue(meter.holding.await(10, TimeUnit.SECONDS), "the first measurement runs");
      probe.tell(new LatencyProbe.Measure(arch(2), 5, asker.getRef()));
      // Refusing a request with nowhere to answer fails the probe: it restarts mid-measurement,
      // telling the waiting request so.
      probe.tell(new LatencyProbe.Measure(arch(9), 0, null));
      LatencyProbe.Measured told = asker.receiveMessage(Duration.ofSeconds(10));
      assertEquals(Optional.of("the latency probe restarted; ask again"), told.failure());
      probe.tell(new LatencyProbe.Measure(arch(3), 5, asker.getRef()));
      probe.tell(new LatencyProbe.Measure(arch(4), 0, asker.getRef())); // answered at once
      assertEquals(arch(4), asker.receiveMessage(Duration.ofSeconds(10)).architecture());
      // arch(3) is in line behind the held measurement: no answer may come before it ends.
      asker.expectNoMessage(Duration.ofMillis(300));
      release.countDown();
      assertEquals(arch(1), asker.receiveMessage(Duration.ofSeconds(10)).architecture());
      assertEquals(arch(3), asker.receiveMessage(Duration.ofSeconds(10)).architecture());
      assertEquals(1, meter.mostAtOnce.get(), "never two measurements at once");
    } finally {
      local.shutdownTestKit();
    }
  }

  @Test
  void runsBelowOneAreAnsweredWithAFailureToALocalAsker() {
    // A peer cannot send this (the wire format rejects it), so no message serialization here.
    ActorTestKit local =
        ActorTestKit.create(
            "local",
            ConfigFactory.parseString("pekko.loglevel = OFF").withFallback(ConfigFactory.load()));
    try {
      var probe = local.spawn(LatencyProbe.create(new FakeMeter(), blocking), "probe");
      TestProbe<LatencyProbe.Measured> asker = local.createTestProbe();
      probe.tell(new LatencyProbe.Measure(arch(1), 0, asker.getRef()));
      assertEquals(
          Optional.of("runs must be in [1, 1000], but was 0"),
          asker.receiveMessage(Duration.ofSeconds(10)).failure());
    } finally {
      local.shutdownTestKit();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the test never released the meter");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theSupernetActorStartsEvaluatorsAndAProbeOnceLoadedAndReleasesItWhenStopped()
      throws Exception {
    FakeLoaded loaded = new FakeLoaded();
    AtomicInteger loads = new AtomicInteger();
    CompletableFuture<String> ready = new CompletableFuture<>();
    ActorRef<SupernetActor.Command> supernet =
        kit.spawn(
            SupernetActor.create(
                () -> {
                  loads.incrementAndGet();
                  return loaded;
                },
                new SupernetActor.Settings(3, 2, blocking, Clock.systemUTC()),
                ready),
            "supernet");
    assertEquals("fake supernet", ready.get(10, TimeUnit.SECONDS));
    TestProbe<Receptionist.Listing> listings = kit.createTestProbe();
    listings.awaitAssert(
        Duration.ofSeconds(10),
        () -> {
          kit.system()
              .receptionist()
              .tell(Receptionist.find(SearchCoordinator.EVALUATORS, listings.getRef()));
          assertEquals(
              3,
              listings.receiveMessage().getServiceInstances(SearchCoordinator.EVALUATORS).size());
          kit.system()
              .receptionist()
              .tell(Receptionist.find(LatencyProbe.PROBES, listings.getRef()));
          assertEquals(
              1, listings.receiveMessage().getServiceInstances(LatencyProbe.PROBES).size());
          return null;
        });
    assertEquals(1, loads.get(), "loaded once for all evaluators");
    kit.stop(supernet);
    assertTrue(loaded.closed.get(), "released when the actor stops");
  }

  @Test
  void aSupernetThatCannotBeLoadedFailsReadinessWithTheReason() {
    CompletableFuture<String> ready = new CompletableFuture<>();
    kit.spawn(
        SupernetActor.create(
            () -> {
              throw new FileNotFoundException("run/supernet/last: no checkpoint");
            },
            new SupernetActor.Settings(1, 1, blocking, Clock.systemUTC()),
            ready),
        "no-supernet");
    ExecutionException e =
        assertThrows(ExecutionException.class, () -> ready.get(10, TimeUnit.SECONDS));
    assertEquals("run/supernet/last: no checkpoint", e.getCause().getMessage());
  }
}
