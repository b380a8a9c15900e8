package org.automoe.actors.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.cluster.MemberStatus;
import org.apache.pekko.cluster.typed.Cluster;
import org.apache.pekko.cluster.typed.Join;
import org.apache.pekko.cluster.typed.Leave;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.Evaluator;
import org.automoe.core.search.SearchState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A coordinator node and two worker nodes in one JVM, over Artery on loopback. */
class ClusterSearchTest {
  private static final Config CLUSTER =
      ConfigFactory.parseString(
              "pekko.actor.provider = cluster\n"
                  + "pekko.remote.artery.canonical.hostname = 127.0.0.1\n"
                  + "pekko.remote.artery.canonical.port = 0\n"
                  + "pekko.cluster.jmx.multi-mbeans-in-same-jvm = on\n"
                  + "pekko.coordinated-shutdown.exit-jvm = off\n"
                  + "pekko.coordinated-shutdown.terminate-actor-system = on\n")
          .withFallback(SearchFixtures.SERIALIZE_ALL);

  private final List<ActorTestKit> nodes = new ArrayList<>();
  private final ExecutorService blocking = Executors.newFixedThreadPool(4);

  @AfterEach
  void stop() {
    for (int i = nodes.size() - 1; i >= 0; i--) {
      nodes.get(i).shutdownTestKit();
    }
    blocking.shutdownNow();
  }

  private ActorTestKit node() {
    ActorTestKit kit = ActorTestKit.create("automoe", CLUSTER);
    nodes.add(kit);
    Cluster first = Cluster.get(nodes.get(0).system());
    Cluster.get(kit.system()).manager().tell(new Join(first.selfMember().address()));
    return kit;
  }

  private static void awaitUp(ActorTestKit kit, int members) {
    TestProbe<Object> probe = kit.createTestProbe();
    probe.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          long up = 0;
          for (var m : Cluster.get(kit.system()).state().getMembers()) {
            if (m.status() == MemberStatus.up()) {
              up++;
            }
          }
          assertEquals(members, up);
          return null;
        });
  }

  private Evaluator counting(AtomicInteger count, long sleepMs) {
    return c -> {
      count.incrementAndGet();
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return SearchFixtures.loss(c);
    };
  }

  @Test
  void workersOnTwoNodesShareTheSearchAndOneLeavingLosesNothing() throws Exception {
    ActorTestKit coordinatorNode = node();
    ActorTestKit workerB = node();
    ActorTestKit workerC = node();
    awaitUp(coordinatorNode, 3);

    SearchFixtures.Outcome outcome = new SearchFixtures.Outcome();
    coordinatorNode.spawn(
        SearchCoordinator.create(
            SearchFixtures.async(60, 9, SearchState.Settings.defaults()),
            SearchCoordinator.Settings.defaults(),
            Clock.systemUTC(),
            outcome),
        "coordinator");
    AtomicInteger onB = new AtomicInteger();
    AtomicInteger onC = new AtomicInteger();
    for (int i = 0; i < 2; i++) {
      workerB.spawn(
          EvaluatorActor.create(counting(onB, 20), blocking, 2, Clock.systemUTC()), "eval-" + i);
      workerC.spawn(
          EvaluatorActor.create(counting(onC, 20), blocking, 2, Clock.systemUTC()), "eval-" + i);
    }
    // Node C leaves once it has evaluated a few: its leases must go back to the queue.
    TestProbe<Object> wait = coordinatorNode.createTestProbe();
    wait.awaitAssert(
        Duration.ofSeconds(20),
        () -> {
          assertTrue(onC.get() >= 5);
          return null;
        });
    ActorSystem<Void> c = workerC.system();
    Cluster.get(c).manager().tell(new Leave(Cluster.get(c).selfMember().address()));

    SearchState.Result r = outcome.result.get(60, TimeUnit.SECONDS);
    assertEquals(60, r.evaluated());
    assertEquals(60, outcome.evaluated.size());
    Set<Long> ids = new HashSet<>();
    for (Individual i : outcome.evaluated) {
      assertTrue(ids.add(i.candidate().id()), "evaluated twice: " + i.candidate().id());
    }
    assertTrue(onB.get() > 0 && onC.get() > 0, "both worker nodes evaluated: " + onB + ", " + onC);
    var s = outcome.last;
    assertEquals(s.generated(), s.rejected() + s.evaluated() + s.failed(), s.toString());
  }
}
