package org.automoe.cluster.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.space.CostCommandTest;
import org.automoe.core.arch.Extremes;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.latency.LatencyCsv;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir static Path shared;
  static Path corpus;
  static Path smallCorpusConf;
  static Path fewSteps;

  /** A small corpus keeps the runs that do not test the bundled one fast. */
  @BeforeAll
  static void smallCorpus() throws IOException {
    corpus = Cli.corpus(shared, 3000);
    smallCorpusConf =
        Files.writeString(
            shared.resolve("small.conf"),
            "automoe.run { corpus = \""
                + corpus
                + "\", supernet-steps = 4, latency-samples = 12, predictor-steps = 20, latency-runs = 2, search-budget = 12, retrain-steps = 4 }\nautomoe.cluster.port = 0\n");
    fewSteps =
        Files.writeString(
            shared.resolve("few.conf"),
            "automoe.run { supernet-steps = 6, latency-samples = 12, predictor-steps = 20, latency-runs = 2, search-budget = 12, retrain-steps = 4 }\nautomoe.cluster.port = 0\n");
  }

  @Test
  void theDefaultRunUsesTheBundledCorpusAndRunsEveryStage(@TempDir Path dir) throws IOException {
    Path run = dir.resolve("run");
    Cli.Result r = Cli.run("run", "--config", fewSteps.toString(), "--run", run.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.logged("profile demo, space tiny, seed 1"), log(r));
    assertTrue(r.logged("[4/8] supernet training: done: 6 steps"), log(r));
    assertTrue(r.logged("[5/8] largest subnet evaluation: done: validation loss "), log(r));
    assertTrue(
        r.logged("[6/8] latency dataset + predictor: done: 12 architectures measured"), log(r));
    assertEquals(12, LatencyCsv.read(run.resolve("latency/latency.csv")).rows().size());
    assertTrue(Files.isRegularFile(run.resolve("latency/predictor.bin")));
    assertTrue(Files.readString(run.resolve("latency/report.json")).contains("\"within10\""));
    assertTrue(r.logged("[7/8] evolutionary search: done: 12 evaluated"), log(r));
    assertTrue(Files.readString(run.resolve("search/result.json")).contains("\"best\""));
    assertEquals(13, Files.readAllLines(run.resolve("search/evaluated.csv")).size());
    assertTrue(r.logged("[8/8] finalists: done: best: BLEU "), log(r));
    JsonObject results =
        JsonParser.parseString(Files.readString(run.resolve("results.json"))).getAsJsonObject();
    for (String model : List.of("best", "baseline")) {
      JsonObject m = results.getAsJsonObject(model);
      for (String key :
          List.of(
              "arch",
              "valLoss",
              "bleu",
              "measuredLatencyMs",
              "predictedLatencyMs",
              "rawMeasuredLatencyMs",
              "flops",
              "paramsActive",
              "trainSeconds",
              "testSentences")) {
        assertTrue(m.has(key), model + "." + key + " in " + results);
      }
      assertEquals(4, m.get("trainSteps").getAsInt());
    }
    for (String key : List.of("mode", "evaluated", "rejected", "requeued", "wallSeconds")) {
      assertTrue(results.getAsJsonObject("search").has(key), key);
    }
    assertEquals(
        Extremes.largest(BuiltInSpaces.tiny(), true).key(),
        results.getAsJsonObject("baseline").get("arch").getAsString());
    assertTrue(Files.readString(run.resolve("results.md")).contains("| dense baseline"));
    String runLog = Files.readString(run.resolve("run.log"));
    assertTrue(runLog.contains("[8/8] finalists: done: best: BLEU "), runLog);
    assertTrue(runLog.contains("[1/8] space survey: done: "), runLog);
    assertTrue(Files.isRegularFile(run.resolve("supernet/last/checkpoint.json")));
    assertTrue(Files.isRegularFile(run.resolve("supernet/eval/largest.hyp")));
    for (String f :
        new String[] {
          "space.yml",
          "largest.yml",
          "largest-dense.yml",
          "smallest.yml",
          "survey.csv",
          "run.json",
          "bpe/bpe.txt"
        }) {
      assertTrue(Files.isRegularFile(run.resolve(f)), f);
    }
    assertEquals(501, Files.readAllLines(run.resolve("survey.csv")).size());
    assertTrue(CorpusFiles.read(run.resolve("corpus")).train().size() > 50_000, "bundled corpus");
    assertEquals(2000, BpeFiles.read(run.resolve("bpe/bpe.txt")).vocabSize());
    assertTrue(Files.readString(run.resolve("run.json")).contains("\"seed\":1"));
    assertEquals(
        0,
        Cli.run("cost", "--arch", run.resolve("largest.yml").toString(), "--space", "tiny")
            .exitCode());
  }

  @Test
  void theSameSeedGivesTheSameRunAndAnotherSeedAnother(@TempDir Path dir) throws IOException {
    for (String[] run : new String[][] {{"a", "7"}, {"b", "7"}, {"c", "8"}}) {
      Cli.Result r =
          Cli.run(
              "run",
              "--config",
              smallCorpusConf.toString(),
              "--run",
              dir.resolve(run[0]).toString(),
              "--seed",
              run[1]);
      assertEquals(0, r.exitCode(), r.err());
    }
    String a = Files.readString(dir.resolve("a/survey.csv"));
    assertEquals(a, Files.readString(dir.resolve("b/survey.csv")));
    assertNotEquals(a, Files.readString(dir.resolve("c/survey.csv")));
    assertEquals(
        Files.readString(dir.resolve("a/bpe/bpe.txt")),
        Files.readString(dir.resolve("b/bpe/bpe.txt")));
  }

  @Test
  void aRepeatedRunReusesItsBpe(@TempDir Path dir) {
    String run = dir.resolve("r").toString();
    assertTrue(
        Cli.run("run", "--config", smallCorpusConf.toString(), "--run", run)
            .logged("BPE: done: learned"));
    assertTrue(
        Cli.run("run", "--config", smallCorpusConf.toString(), "--run", run)
            .logged("BPE: done: reused"));
  }

  @Test
  void configFilesOverrideDefaultsAndBadOnesAreNamed(@TempDir Path dir) throws IOException {
    Path conf = dir.resolve("my.conf");
    Files.writeString(
        conf,
        "automoe.run { survey-samples = 20, supernet-steps = 2, profile = small, corpus = \""
            + corpus
            + "\", latency-samples = 12, predictor-steps = 20, latency-runs = 2, search-budget = 12, retrain-steps = 4 }\nautomoe.cluster.port = 0\n");
    Cli.Result r =
        Cli.run("run", "--config", conf.toString(), "--run", dir.resolve("r").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.logged("space small"), log(r));
    assertEquals(21, Files.readAllLines(dir.resolve("r/survey.csv")).size());
    Files.writeString(conf, "automoe.run.survey-samples = lots\n");
    CostCommandTest.assertOneLineError(
        Cli.run("run", "--config", conf.toString(), "--run", dir.resolve("x").toString()),
        "survey-samples");
    CostCommandTest.assertOneLineError(
        Cli.run("run", "--profile", "huge", "--run", dir.resolve("y").toString()),
        "automoe.run.profile: 'huge' is not one of [demo, small]");
  }

  private static String log(Cli.Result r) {
    return String.join("\n", r.log());
  }
}
