package org.automoe.cluster.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.ProcessConsole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search journaled to a real PostgreSQL (the cluster's journal): killed with {@code kill -9}
 * mid-search and resumed, it loses nothing and counts nothing twice.
 */
class PostgresJournalTest {
  @TempDir static Path dir;
  static EmbeddedPostgres postgres;
  static Path supernet;
  static Path config;

  @BeforeAll
  static void start() throws IOException {
    postgres = EmbeddedPostgres.builder().start();
    supernet = Cli.tinySupernet(dir, 4);
    config =
        Files.writeString(
            dir.resolve("postgres.conf"),
            "automoe.cluster.port = 0\n"
                + "automoe.search.valid-sentences = 40\n"
                + "automoe.search.evaluators = 2\n"
                + "automoe.search.finalists = 0\n"
                + "automoe.journal.kind = postgres\n"
                // Snapshots every few events: resumes and failovers restore one from PostgreSQL.
                + "automoe.journal.snapshot-every = 10\n"
                + "automoe.journal.postgres.url = \"jdbc:postgresql://127.0.0.1:"
                + postgres.getPort()
                + "/postgres\"\n"
                + "automoe.journal.postgres.user = postgres\n");
  }

  @AfterAll
  static void stop() throws IOException {
    if (postgres != null) {
      postgres.close();
    }
  }

  @Test
  void anAsyncSearchKilledMidwayResumesFromPostgresWithNothingLostOrCountedTwice()
      throws Exception {
    Path out = dir.resolve("search");
    Process first =
        Cli.jvm(
                "search",
                "--supernet",
                supernet.toString(),
                "--config",
                config.toString(),
                "--budget",
                "30",
                "--population",
                "10",
                "--out",
                out.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path csv = out.resolve("evaluated.csv");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (rows(csv) < 8) {
      assertTrue(System.nanoTime() < deadline && first.isAlive(), "the first search runs");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling a file: no event to await
    }
    first.destroyForcibly();
    assertTrue(first.waitFor(1, TimeUnit.MINUTES));
    assertTrue(rows(csv) < 30, "killed mid-search");
    assertTrue(
        Files.notExists(out.resolve("journal.mv.db")), "the journal is PostgreSQL, not a file");

    Cli.Result resumed =
        Cli.run("search", "--out", out.toString(), "--config", config.toString(), "--json");
    assertEquals(0, resumed.exitCode(), resumed.err());
    JsonObject r = JsonParser.parseString(resumed.out().strip()).getAsJsonObject();
    assertEquals(30, r.getAsJsonObject("search").get("evaluated").getAsInt(), "the budget");
    List<String> lines = Files.readAllLines(csv);
    assertEquals(31, lines.size(), "each result once in evaluated.csv");
    Set<String> architectures = new HashSet<>();
    for (String row : lines.subList(1, lines.size())) {
      assertTrue(architectures.add(row.substring(row.indexOf('"'))), "evaluated twice: " + row);
    }
    String id = "search|" + SearchManifest.read(out).orElseThrow().id();
    long events =
        count(
            "select count(*) from event_journal where persistence_id = ? and"
                + " event_ser_manifest = 'search-event'",
            id);
    assertTrue(events > 30, "every result and lease journaled: " + events);
    long snapshots =
        count(
            "select count(*) from snapshot where persistence_id = ? and"
                + " snapshot_ser_manifest = 'search-snapshot'",
            id);
    assertTrue(snapshots > 0, "snapshots kept in PostgreSQL too");
  }

  /** The count {@code query} gives for the search {@code persistenceId}. */
  private static long count(String query, String persistenceId) throws Exception {
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement q = c.prepareStatement(query)) {
      q.setString(1, persistenceId);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void whenTheSearchNodeDiesItsStandbyTakesTheCoordinatorOverAndWorkersStay() throws Exception {
    Path a = dir.resolve("failover-a");
    Path b = Files.createDirectories(dir.resolve("failover-b"));
    Process first =
        Cli.jvm(
                "search",
                "--supernet",
                supernet.toString(),
                "--config",
                config.toString(),
                "--population",
                "10",
                "--out",
                a.toString())
            .redirectErrorStream(true)
            .start();
    Process standby = null;
    Process worker = null;
    try {
      ProcessConsole firstSays = new ProcessConsole(first);
      String seed =
          firstSays.await("--seed (127\\.0\\.0\\.1:\\d+)").get(3, TimeUnit.MINUTES).group(1);
      Files.copy(a.resolve(SearchManifest.FILE), b.resolve(SearchManifest.FILE));
      standby =
          Cli.jvm("search", "--out", b.toString(), "--join", seed, "--config", config.toString())
              .redirectErrorStream(true)
              .start();
      ProcessConsole standbySays = new ProcessConsole(standby);
      standbySays.await("standing by to coordinate").get(3, TimeUnit.MINUTES);
      worker =
          Cli.jvm(
                  "node",
                  "--roles",
                  "worker",
                  "--seed",
                  seed,
                  "--supernet",
                  supernet.toString(),
                  "--evaluators",
                  "1",
                  "--config",
                  config.toString())
              .redirectErrorStream(true)
              .start();
      ProcessConsole workerSays = new ProcessConsole(worker);
      workerSays.await("evaluators? .*started").get(3, TimeUnit.MINUTES);
      // Three members up (the standby's two evaluators and the worker's one have joined): so the
      // two left when the first dies are a majority that removes it, not one that downs itself.
      long joined = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (firstSays.lines.stream()
              .filter(l -> l.matches(".*evaluator pekko://automoe@.* joined.*"))
              .count()
          < 3) {
        assertTrue(System.nanoTime() < joined, firstSays.lines.toString());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling a console
      }

      first.destroyForcibly(); // kill -9 of the node running the coordinator
      assertTrue(first.waitFor(1, TimeUnit.MINUTES));
      int before = rows(a.resolve("evaluated.csv"));
      // The standby's coordinator recovers from PostgreSQL and goes on with the workers.
      // Its folder has no evaluated.csv yet: it replays the whole journal to write it.
      standbySays.await("search resumed at journal event \\d+").get(3, TimeUnit.MINUTES);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
      while (rows(b.resolve("evaluated.csv")) < before + 10) {
        assertTrue(System.nanoTime() < deadline && standby.isAlive(), standbySays.lines.toString());
        LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling a file
      }
      assertTrue(worker.isAlive(), "the worker stayed: " + workerSays.lines);
      Cli.Result stop = Cli.run("search", "stop", "--out", b.toString());
      assertEquals(0, stop.exitCode(), stop.err());
      assertTrue(standby.waitFor(2, TimeUnit.MINUTES), standbySays.lines.toString());
      assertEquals(0, standby.exitValue(), String.join("\n", standbySays.lines));
      List<String> lines = Files.readAllLines(b.resolve("evaluated.csv"));
      Set<String> architectures = new HashSet<>();
      for (String row : lines.subList(1, lines.size())) {
        assertTrue(architectures.add(row.substring(row.indexOf('"'))), "evaluated twice: " + row);
      }
      assertTrue(
          Set.copyOf(lines).containsAll(Files.readAllLines(a.resolve("evaluated.csv"))),
          "the standby's log holds every result of the first node");
    } finally {
      first.destroyForcibly();
      if (standby != null) {
        standby.destroyForcibly();
      }
      if (worker != null) {
        worker.destroyForcibly();
      }
    }
  }

  private static int rows(Path csv) {
    return SearchCommandTest.rows(csv);
  }
}
