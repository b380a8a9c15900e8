package org.automoe.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.data.CorpusFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @Test
  void writesTheRunDirectoryAndSaysWhatIsNotBuiltYet(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    Cli.Result r = Cli.run("run", "--run", run.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("profile demo, space tiny, seed 1"), r.out());
    assertTrue(r.out().contains("supernet training: not built yet"), r.out());
    for (String f :
        new String[] {
          "space.yml", "largest.yml", "largest-dense.yml", "smallest.yml", "survey.csv", "run.json"
        }) {
      assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }
    assertEquals(501, Files.readAllLines(run.resolve("survey.csv")).size());
    assertTrue(CorpusFiles.read(run.resolve("corpus")).train().size() > 50_000, "bundled corpus");
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"seed\":1"));
    assertEquals(
        0,
        Cli.run("cost", "--arch", run.resolve("largest.yml").toString(), "--space", "tiny")
            .exitCode());
  }

  @Test
  void theSameSeedGivesTheSameSurveyAndAnotherSeedAnother(@TempDir Path dir) throws IOException {
    Cli.run("run", "--run", dir.resolve("a").toString(), "--seed", "7");
    Cli.run("run", "--run", dir.resolve("b").toString(), "--seed", "7");
    Cli.run("run", "--run", dir.resolve("c").toString(), "--seed", "8");
    String a = Files.readString(dir.resolve("a/survey.csv"));
    assertEquals(a, Files.readString(dir.resolve("b/survey.csv")));
    assertNotEquals(a, Files.readString(dir.resolve("c/survey.csv")));
  }

  @Test
  void configFilesOverrideDefaultsAndBadOnesAreNamed(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("my.conf");
    Files.writeString(conf, "automoe.run { survey-samples = 20, profile = small }\n");
    Cli.Result r =
        Cli.run("run", "--config", conf.toString(), "--run", dir.resolve("r").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("space small"), r.out());
    assertEquals(21, Files.readAllLines(dir.resolve("r/survey.csv")).size());
    Files.writeString(conf, "automoe.run.survey-samples = lots\n");
    CostCommandTest.assertOneLineError(
        Cli.run("run", "--config", conf.toString(), "--run", dir.resolve("x").toString()),
        "survey-samples");
    CostCommandTest.assertOneLineError(
        Cli.run("run", "--profile", "huge", "--run", dir.resolve("y").toString()),
        "automoe.run.profile: 'huge' is not one of [demo, small]");
  }
}
