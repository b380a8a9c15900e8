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
    Path corpus = Cli.corpus(dir, 300);
    supernet = dir.resolve("supernet");
    Cli.Result r =
        Cli.run(
            "supernet",
            "train",
            "--space",
            "tiny",
            "--corpus",
            corpus.toString(),
            "--steps",
            "4",
            "--vocab",
            "300",
            "--out",
            supernet.toString(),
            "--max-tokens",
            "512");
    assertEquals(0, r.exitCode(), r.err());
    config =
        Files.writeString(
            dir.resolve("postgres.conf"),
            "automoe.cluster.port = 0\n"
                + "automoe.search.valid-sentences = 40\n"
                + "automoe.search.evaluators = 2\n"
                + "automoe.search.finalists = 0\n"
                + "automoe.journal.kind = postgres\n"
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
    String id = SearchManifest.read(out).orElseThrow().id();
    try (Connection c = postgres.getPostgresDatabase().getConnection();
        PreparedStatement q =
            c.prepareStatement(
                "select count(*) from event_journal where persistence_id = ? and"
                    + " event_ser_manifest = 'search-event'")) {
      q.setString(1, "search|" + id);
      try (ResultSet rs = q.executeQuery()) {
        rs.next();
        assertTrue(rs.getLong(1) > 30, "every result and lease journaled: " + rs.getLong(1));
      }
    }
  }

  private static int rows(Path csv) {
    try {
      return Files.exists(csv) ? Math.max(0, Files.readAllLines(csv).size() - 1) : 0;
    } catch (IOException e) {
      return 0; // being written; read again
    }
  }
}
