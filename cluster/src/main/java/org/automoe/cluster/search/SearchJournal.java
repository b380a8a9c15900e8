package org.automoe.cluster.search;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.ClassicActorSystemProvider;
import org.apache.pekko.persistence.jdbc.testkit.javadsl.SchemaUtils;
import org.automoe.actors.search.SearchCoordinator;
import org.automoe.core.InvalidInputException;

/**
 * Where a search keeps its journal ({@code automoe.journal}): an H2 file in the search's own folder
 * (nothing to install; one JVM at a time), or a PostgreSQL database shared by the nodes of a
 * cluster. Read and checked before anything starts.
 *
 * @param kind {@code h2} or {@code postgres}
 * @param url JDBC URL of the PostgreSQL database (empty for H2)
 * @param user database user (PostgreSQL)
 * @param password database password (PostgreSQL)
 * @param snapshotEvery events between snapshots of the search's state (0: none)
 */
public record SearchJournal(
    String kind, String url, String user, String password, int snapshotEvery) {
  /** The H2 database's file name in a search's folder (H2 adds {@code .mv.db}). */
  static final String H2_NAME = "journal";

  private static final String PREFIX = "automoe.journal.";

  /** How long to wait for the journal's tables at most. */
  private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(60);

  /** Events between snapshots by default: a restart replays at most this many (a few seconds). */
  public static final int SNAPSHOT_EVERY = 10_000;

  public static SearchJournal from(Config config) {
    String kind;
    int snapshotEvery;
    try {
      kind = config.getString(PREFIX + "kind").toLowerCase(Locale.ROOT);
      snapshotEvery = config.getInt(PREFIX + "snapshot-every");
    } catch (ConfigException e) {
      throw new InvalidInputException(e.getMessage().lines().findFirst().orElse(e.getMessage()));
    }
    if (snapshotEvery < 0 || snapshotEvery > SearchCoordinator.Durability.MAX_SNAPSHOT_EVERY) {
      throw new InvalidInputException(
          PREFIX
              + "snapshot-every = "
              + snapshotEvery
              + ": must be from 0 (no snapshots) to "
              + SearchCoordinator.Durability.MAX_SNAPSHOT_EVERY
              + " events");
    }
    return switch (kind) {
      case "h2" -> h2(snapshotEvery);
      case "postgres" -> {
        String url = config.getString(PREFIX + "postgres.url");
        if (!url.startsWith("jdbc:postgresql://")) {
          throw new InvalidInputException(
              PREFIX
                  + "postgres.url = \""
                  + url
                  + "\": must be a jdbc:postgresql://HOST:PORT/DB URL (or set"
                  + " AUTOMOE_JOURNAL_URL)");
        }
        yield new SearchJournal(
            "postgres",
            url,
            config.getString(PREFIX + "postgres.user"),
            config.getString(PREFIX + "postgres.password"),
            snapshotEvery);
      }
      default ->
          throw new InvalidInputException(
              PREFIX + "kind = \"" + kind + "\": must be h2 or postgres");
    };
  }

  /** True when several JVMs can reach this journal (a standby coordinator needs one). */
  public boolean shared() {
    return kind.equals("postgres");
  }

  /** The embedded default: an H2 file in each search's folder. */
  public static SearchJournal h2() {
    return h2(SNAPSHOT_EVERY);
  }

  /** The embedded default, with a snapshot every {@code snapshotEvery} events (0: none). */
  public static SearchJournal h2(int snapshotEvery) {
    return new SearchJournal("h2", "", "", "", snapshotEvery);
  }

  /**
   * How a coordinator keeps its search in this journal.
   *
   * @param replayWholeJournal skip the snapshots: every result is replayed (to rebuild a lost file
   *     of results)
   */
  public SearchCoordinator.Durability durability(boolean replayWholeJournal) {
    return new SearchCoordinator.Durability(snapshotEvery, replayWholeJournal);
  }

  /** The JDBC URL of the H2 journal in {@code folder}. */
  public static String h2Url(Path folder) {
    return "jdbc:h2:file:"
        + folder.toAbsolutePath().resolve(H2_NAME)
        // Written at each commit (H2 delays it by 500 ms otherwise): a coordinator killed right
        // after telling anyone of an event must find it on disk. Closed by the actor system's
        // shutdown, not by H2's own hook, which would close it under a search still writing when
        // the JVM is asked to stop (Ctrl-C).
        + ";DATABASE_TO_UPPER=false;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
  }

  /**
   * Checks, before anything starts, that this search's H2 journal is not open in another process (a
   * second `automoe search` on a folder whose search runs): H2 opens a file in one JVM only.
   */
  public void checkNotInUse(Path folder) {
    if (!kind.equals("h2") || !Files.exists(folder.resolve(H2_NAME + ".mv.db"))) {
      return;
    }
    try (Connection c = DriverManager.getConnection(h2Url(folder), "sa", "")) {
      c.isValid(1);
    } catch (SQLException e) {
      String said = innermost(e);
      if (said.contains("already in use") || said.contains("locked")) {
        throw new InvalidInputException(
            folder
                + " holds a search that is running in another process (its journal is open"
                + " there): watch its result.json, or end it with `automoe search stop --out "
                + folder
                + "`");
      }
      throw new InvalidInputException(
          "cannot open the search journal (" + describe(folder) + "): " + said);
    }
  }

  /** The deepest message of a failure (a driver's own words: "database is in use", say). */
  private static String innermost(Throwable e) {
    String said = e.toString();
    for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
      if (t.getMessage() != null) {
        said = t.getMessage().lines().findFirst().orElse(said);
      }
    }
    return said;
  }

  /** Where the journal lives, for messages. */
  public String describe(Path folder) {
    return kind.equals("h2")
        ? "H2 file " + folder.resolve(H2_NAME + ".mv.db")
        : "PostgreSQL " + url.replaceAll("[?].*", "");
  }

  /**
   * The Pekko Persistence settings of this journal, over {@code base}: the JDBC journal with one
   * small connection pool (a search writes from one actor).
   */
  public Config over(Config base, Path folder) {
    boolean h2 = kind.equals("h2");
    String jdbcUrl = h2 ? h2Url(folder) : url;
    Config db =
        ConfigValueFactory.fromMap(
                Map.of(
                    "url",
                    jdbcUrl,
                    "user",
                    h2 ? "sa" : user,
                    "password",
                    h2 ? "" : password,
                    "driver",
                    h2 ? "org.h2.Driver" : "org.postgresql.Driver",
                    "numThreads",
                    2,
                    "maxConnections",
                    2,
                    "minConnections",
                    1))
            .toConfig();
    return ConfigFactory.parseString(
            "pekko.persistence.journal.plugin = \"jdbc-journal\"\n"
                + "pekko.persistence.snapshot-store.plugin = \"jdbc-snapshot-store\"\n"
                + "jdbc-journal.use-shared-db = \"slick\"\n"
                + "jdbc-snapshot-store.use-shared-db = \"slick\"\n"
                + "jdbc-read-journal.use-shared-db = \"slick\"\n"
                // A snapshot that cannot be read (written by a damaged disk, say) is skipped and
                // the events replayed instead: they are never deleted, so nothing is lost.
                + "jdbc-snapshot-store.snapshot-is-optional = true\n"
                + "pekko-persistence-jdbc.shared-databases.slick.profile = \""
                + (h2 ? "slick.jdbc.H2Profile$" : "slick.jdbc.PostgresProfile$")
                + "\"\n")
        .withFallback(
            db.atPath("pekko-persistence-jdbc.shared-databases.slick.db").withFallback(base));
  }

  /** Creates the journal's tables when missing (a no-op when they are there). */
  public void createTables(ClassicActorSystemProvider system, Path folder) {
    try {
      SchemaUtils.createIfNotExists(system)
          .toCompletableFuture()
          .get(OPEN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new InvalidInputException(
          "cannot open the search journal (" + describe(folder) + "): " + innermost(e));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while opening the journal", e);
    }
  }
}
