package org.automoe.cluster.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.space.CostCommandTest;
import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SearchSettingsTest {
  private static Config with(String overrides) {
    return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
  }

  private static String error(String overrides) {
    return assertThrows(InvalidInputException.class, () -> SearchSettings.from(with(overrides)))
        .getMessage();
  }

  @Test
  void thePackagedDefaultsAreWithinTheirBounds() {
    SearchSettings s = SearchSettings.from(ConfigFactory.load());
    assertEquals(2, s.evaluators());
    assertEquals(Duration.ofMinutes(10), s.lease());
    assertEquals(600_000, s.state().leaseMillis());
    assertEquals(3, s.state().maxAttempts());
  }

  @Test
  void outOfRangeCountsNameTheKeyAndTheBounds() {
    assertEquals(
        "automoe.search.evaluators = 0: must be in [1, 64]",
        error("automoe.search.evaluators = 0"));
    assertEquals(
        "automoe.search.prefetch = 0: must be in [1, 64]", error("automoe.search.prefetch = 0"));
    assertEquals(
        "automoe.search.finalist-runs = 100000: must be in [1, 1000]",
        error("automoe.search.finalist-runs = 100000"));
    assertEquals(0, SearchSettings.from(with("automoe.search.finalists = 0")).finalists());
  }

  @Test
  void durationsOutOfRangeOrMistypedNameTheKey() {
    assertEquals(
        "automoe.search.lease = \"10ms\": must be between 1s and 7d",
        error("automoe.search.lease = 10ms"));
    String typo = error("automoe.search.lease = \"10 mintues\"");
    assertTrue(typo.contains("automoe.search.lease") && typo.contains("mintues"), typo);
    assertEquals(1, typo.lines().count(), typo);
    String word = error("automoe.search.evaluators = many");
    assertTrue(word.contains("automoe.search.evaluators"), word);
  }

  @Test
  void aSearchWithBadSettingsStopsBeforeTouchingItsFolder(@TempDir Path dir) throws Exception {
    Path out = Files.createDirectories(dir.resolve("search"));
    Path log = Files.writeString(out.resolve("evaluated.csv"), "candidate,...\n1,...\n");
    Path conf = Files.writeString(dir.resolve("bad.conf"), "automoe.search.prefetch = 0\n");
    CostCommandTest.assertOneLineError(
        Cli.run(
            "search",
            "--supernet",
            dir.resolve("no-supernet").toString(),
            "--budget",
            "10",
            "--config",
            conf.toString(),
            "--out",
            out.toString()),
        "automoe.search.prefetch = 0: must be in [1, 64]");
    assertEquals("candidate,...\n1,...\n", Files.readString(log));
  }
}
