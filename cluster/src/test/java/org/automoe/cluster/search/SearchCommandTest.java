package org.automoe.cluster.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.CliErrors;
import org.automoe.cluster.cli.Main;
import org.automoe.cluster.node.WorkerResources;
import org.automoe.cluster.space.CostCommandTest;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.evo.Candidate;
import org.automoe.core.evo.Individual;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.search.Evaluator;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The search on the embedded one-node cluster, with a real (tiny) supernet as the fitness. */
class SearchCommandTest {
  @TempDir static Path dir;
  static Path supernet;
  static Path config;

  @BeforeAll
  static void trainATinySupernet() throws IOException {
    supernet = Cli.tinySupernet(dir, 4);
    // Any free port, so tests never collide with a search running on this machine.
    config =
        Files.writeString(
            dir.resolve("test.conf"),
            "automoe.cluster.port = 0\nautomoe.search.valid-sentences = 40\nautomoe.search.evaluators = 2\n"
                // Snapshots every few events: a resume restores one from the H2 file.
                + "automoe.journal.snapshot-every = 10\n");
  }

  private static JsonObject search(String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "search",
                "--supernet",
                supernet.toString(),
                "--config",
                config.toString(),
                "--json"));
    args.addAll(List.of(extra));
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertEquals(0, r.exitCode(), r.err());
    return JsonParser.parseString(r.out().strip()).getAsJsonObject();
  }

  @Test
  void asyncSearchEvaluatesItsBudgetOnceEachUnderTheLimit() throws IOException {
    long limit = 60_000; // non-embedding parameters: cuts the tiny space roughly in half
    Path out = dir.resolve("async");
    JsonObject r =
        search(
            "--budget",
            "24",
            "--population",
            "10",
            "--max-params",
            "0.06",
            "--out",
            out.toString());
    JsonObject s = r.getAsJsonObject("search");
    assertEquals(24, s.get("evaluated").getAsInt());
    assertEquals("done", s.get("state").getAsString());
    assertTrue(s.get("rejected").getAsInt() > 0, "the limit rejected some draws: " + s);
    JsonObject best = r.getAsJsonObject("best");
    assertTrue(best.get("valLoss").getAsDouble() > 0);
    assertTrue(best.get("paramsNonEmbedding").getAsLong() <= limit);
    List<String> rows = Files.readAllLines(out.resolve("evaluated.csv"));
    assertEquals(25, rows.size());
    Set<String> keys = new HashSet<>();
    double lowest = Double.POSITIVE_INFINITY;
    for (String row : rows.subList(1, rows.size())) {
      String[] cells = row.split(",");
      assertTrue(keys.add(row.substring(row.indexOf('"'))), "evaluated twice: " + row);
      lowest = Math.min(lowest, Double.parseDouble(cells[3]));
    }
    assertEquals(lowest, best.get("valLoss").getAsDouble(), 1e-6);
    assertTrue(Files.isRegularFile(out.resolve("best.yml")));
    assertTrue(r.getAsJsonArray("front").size() >= 1);
    // The three best were measured for real after the search; without a latency limit all meet.
    JsonObject finalists = r.getAsJsonObject("finalists");
    assertEquals(3, finalists.getAsJsonArray("measured").size());
    for (var f : finalists.getAsJsonArray("measured")) {
      assertTrue(f.getAsJsonObject().get("measuredLatencyMs").getAsDouble() > 0);
    }
    assertEquals(
        best.get("candidate").getAsLong(),
        finalists.getAsJsonObject("best").get("candidate").getAsLong());
  }

  @Test
  void aFinalistSlowerThanTheLimitWhenMeasuredIsNotReportedAsMeetingIt() {
    try (SearchSetup setup = SearchSetup.open(supernet, null, 40)) {
      List<Individual> evaluated = new ArrayList<>();
      Architecture a = Extremes.largest(BuiltInSpaces.tiny(), false);
      Candidate c = new Candidate(1, 0, 0, a, setup.cost().cost(a), 0.5);
      evaluated.add(new Individual(c, null, 4.0));
      List<Finalists.Finalist> measured =
          Finalists.measure(
              WorkerResources.sharing(setup).meter(), evaluated, 1, OptionalDouble.of(1e-6), 5);
      assertEquals(1, measured.size());
      assertTrue(!measured.get(0).meetsLimit(), "no model runs in a nanosecond");
      var report = Finalists.report(measured);
      assertTrue(report.best().isEmpty(), report.toString());
      List<Finalists.Finalist> loose =
          Finalists.measure(
              WorkerResources.sharing(setup).meter(), evaluated, 1, OptionalDouble.of(1e6), 5);
      assertTrue(Finalists.report(loose).best().isPresent());
    }
  }

  @Test
  void generationalSearchEvaluatesEveryGenerationAndReplays() {
    JsonObject a =
        search(
            "--mode",
            "generational",
            "--iterations",
            "1",
            "--population",
            "10",
            "--seed",
            "5",
            "--out",
            dir.resolve("g1").toString());
    JsonObject b =
        search(
            "--mode",
            "generational",
            "--iterations",
            "1",
            "--population",
            "10",
            "--seed",
            "5",
            "--out",
            dir.resolve("g2").toString());
    assertEquals(10 + 8, a.getAsJsonObject("search").get("evaluated").getAsInt());
    assertEquals(a.get("best").toString(), b.get("best").toString(), "same seed, same answer");
  }

  @Test
  void aContinuousSearchRunsUntilAskedToStopAndKeepsWhatItFound() throws Exception {
    Path out = Files.createDirectories(dir.resolve("continuous"));
    Files.writeString(out.resolve("STOP"), "left by an earlier search\n");
    CompletableFuture<JsonObject> running =
        CompletableFuture.supplyAsync(() -> search("--population", "10", "--out", out.toString()));
    Path csv = out.resolve("evaluated.csv");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (rows(csv) < 15) { // the stale request did not end it: it goes on past its population
      assertTrue(System.nanoTime() < deadline && !running.isDone(), "the search goes on");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // polling a file: no event to await
    }
    // A second search on its folder is refused, and touches nothing.
    int before = rows(csv);
    Process second =
        Cli.jvm("search", "--out", out.toString(), "--config", config.toString())
            .redirectErrorStream(true)
            .start();
    String refused = new String(second.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(second.waitFor(1, TimeUnit.MINUTES), refused);
    assertEquals(CliErrors.BAD_INPUT, second.exitValue(), refused);
    assertTrue(refused.contains("holds a search that is running in another process"), refused);
    assertTrue(rows(csv) >= before, "its log was not truncated");
    // Another JVM, as a user would run it (the search holds this JVM's captured console).
    Process stop =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "search",
                "stop",
                "--out",
                out.toString())
            .redirectErrorStream(true)
            .start();
    String said = new String(stop.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(stop.waitFor(1, TimeUnit.MINUTES), said);
    assertEquals(0, stop.exitValue(), said);
    JsonObject r = running.get(2, TimeUnit.MINUTES);
    JsonObject s = r.getAsJsonObject("search");
    assertEquals("stopped", s.get("state").getAsString());
    int evaluated = s.get("evaluated").getAsInt();
    assertTrue(evaluated >= 15, s.toString());
    assertTrue(r.has("best"), "what it found stands");
    assertEquals(evaluated + 1, Files.readAllLines(csv).size());
    assertTrue(Files.notExists(out.resolve("STOP")), "the request is served and removed");
  }

  @Test
  void aGenerationalSearchKilledMidwayResumesToTheEndOfAnUninterruptedOne() throws Exception {
    List<String> job =
        List.of("--mode", "generational", "--iterations", "3", "--population", "10", "--seed", "9");
    List<String> whole = new ArrayList<>(job);
    whole.addAll(List.of("--out", dir.resolve("whole").toString()));
    JsonObject expected = search(whole.toArray(String[]::new));
    int total = expected.getAsJsonObject("search").get("evaluated").getAsInt();
    assertEquals(10 + 3 * 8, total);

    Path out = dir.resolve("killed");
    List<String> args =
        new ArrayList<>(
            List.of("search", "--supernet", supernet.toString(), "--config", config.toString()));
    args.addAll(job);
    args.addAll(List.of("--out", out.toString()));
    Process first =
        Cli.jvm(args.toArray(String[]::new))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Path csv = out.resolve("evaluated.csv");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (rows(csv) < 8) {
      assertTrue(System.nanoTime() < deadline && first.isAlive(), "the first search runs");
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20)); // polling a file: no event to await
    }
    first.destroyForcibly(); // kill -9: no shutdown hook, no last write
    assertTrue(first.waitFor(1, TimeUnit.MINUTES));
    int before = rows(csv);
    assertTrue(before < total, "killed mid-search, after " + before + " results");

    CostCommandTest.assertOneLineError(
        Cli.run("search", "--out", out.toString(), "--seed", "3", "--config", config.toString()),
        "holds a search already (search.conf): resume it with `automoe search --out");
    Cli.Result resumed =
        Cli.run("search", "--out", out.toString(), "--config", config.toString(), "--json");
    assertEquals(0, resumed.exitCode(), resumed.err());
    JsonObject r = JsonParser.parseString(resumed.out().strip()).getAsJsonObject();
    assertEquals(total, r.getAsJsonObject("search").get("evaluated").getAsInt());
    assertEquals(expected.get("best").toString(), r.get("best").toString(), "the same best");
    assertEquals(expected.get("front").toString(), r.get("front").toString(), "the same front");
    List<String> rows = Files.readAllLines(csv);
    assertEquals(total + 1, rows.size(), "evaluated.csv appended to, each result once");
    assertEquals(
        Set.copyOf(Files.readAllLines(dir.resolve("whole/evaluated.csv"))),
        Set.copyOf(rows),
        "the same evaluated set");

    // A lost evaluated.csv is rebuilt from the whole journal, snapshots skipped.
    Files.delete(csv);
    Cli.Result rebuilt =
        Cli.run("search", "--out", out.toString(), "--config", config.toString(), "--json");
    assertEquals(0, rebuilt.exitCode(), rebuilt.err());
    assertEquals(rows, Files.readAllLines(csv), "the same rows, in the same order");

    // A journal replays only into the job that wrote it.
    Path edited = Files.createDirectories(dir.resolve("edited"));
    for (String f : List.of("search.conf", "journal.mv.db")) {
      Files.copy(out.resolve(f), edited.resolve(f));
    }
    Path conf = edited.resolve("search.conf");
    Files.writeString(conf, Files.readString(conf).replace("seed=9", "seed=10"));
    Cli.Result mismatch =
        Cli.run("search", "--out", edited.toString(), "--config", config.toString());
    assertEquals(CliErrors.BAD_INPUT, mismatch.exitCode(), mismatch.err());
    assertLastLineSays(
        mismatch.err().strip(),
        "journal does not fit: it holds the search 'search' (generational, 3 generations, seed 9),"
            + " not 'search' (generational, 3 generations, seed 10) as asked");
  }

  private static void assertLastLineSays(String err, String expected) {
    String last = err.lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.startsWith("automoe: ") && last.contains(expected), err);
  }

  @Test
  void stoppingASearchThatIsNotThereIsAnError() {
    CostCommandTest.assertOneLineError(
        Cli.run("search", "stop", "--out", dir.resolve("nowhere").toString()),
        "nowhere: no such search folder");
  }

  /** Data rows of a search's evaluated.csv so far (0 while it is missing or being written). */
  static int rows(Path csv) {
    try {
      return Files.exists(csv) ? Math.max(0, Files.readAllLines(csv).size() - 1) : 0;
    } catch (IOException e) {
      return 0; // being written; read again
    }
  }

  @Test
  void badOptionsAreOneLineErrors() {
    Cli.Result noPredictor =
        Cli.run(
            "search", "--supernet", supernet.toString(), "--budget", "5", "--max-latency-ms", "10");
    CostCommandTest.assertOneLineError(noPredictor, "--max-latency-ms needs a latency predictor");
    Cli.Result wrongLength =
        Cli.run(
            "search", "--supernet", supernet.toString(), "--mode", "generational", "--budget", "5");
    CostCommandTest.assertOneLineError(wrongLength, "--budget is for --mode async");
    CostCommandTest.assertOneLineError(
        Cli.run("search", "--supernet", supernet.toString(), "--mode", "generational"),
        "--mode generational needs --iterations; a continuous search is --mode async");
    Cli.Result noFolder =
        Cli.run("search", "--supernet", dir.resolve("none").toString(), "--budget", "5");
    CostCommandTest.assertOneLineError(noFolder, "no supernet folder");
  }

  @Test
  void concurrentEvaluationsEqualSequentialOnes() throws Exception {
    try (SearchSetup setup = SearchSetup.open(supernet, null, 40)) {
      Evaluator fitness = setup.evaluator();
      List<Candidate> candidates = new ArrayList<>();
      var layout = new GenomeLayout(BuiltInSpaces.tiny());
      var sampler = new RandomSampler(layout);
      for (int i = 0; i < 6; i++) {
        Architecture a =
            i == 0
                ? Extremes.largest(BuiltInSpaces.tiny(), false)
                : layout.decode(sampler.sample(Seeds.rng(Seeds.derive(3, i))));
        candidates.add(new Candidate(i, 0, 0, a, setup.cost().cost(a), Double.NaN));
      }
      double[] sequential = new double[candidates.size()];
      for (int i = 0; i < sequential.length; i++) {
        sequential[i] = fitness.validationLoss(candidates.get(i));
      }
      ExecutorService two = Executors.newFixedThreadPool(2);
      try {
        List<Future<Double>> parallel = new ArrayList<>();
        for (Candidate c : candidates) {
          parallel.add(two.submit(() -> fitness.validationLoss(c)));
        }
        for (int i = 0; i < sequential.length; i++) {
          assertEquals(sequential[i], parallel.get(i).get(), 1e-5, "candidate " + i);
        }
      } finally {
        two.shutdownNow();
      }
    }
  }
}
