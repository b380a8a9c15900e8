package org.automoe.cluster.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.JsonShape;
import org.automoe.core.arch.Extremes;
import org.automoe.core.model.SupernetBenchmark;
import org.automoe.core.space.BuiltInSpaces;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bench commands' {@code --json} objects: the keys, their order and value kinds. */
class BenchCommandsTest {
  @TempDir Path dir;

  @Test
  void engineReportsThroughputAndTheSettingsItRanWith() {
    Cli.Result r =
        Cli.run("bench", "engine", "--candidates", "1000", "--evaluators", "2", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "{candidatesPerSecond:float,overheadMicrosPerCandidate:float,candidates:int,"
            + "rejectedDraws:int,evaluators:int,prefetch:int,serializeMessages:bool,"
            + "wallSeconds:float,retainedHeapMb:float,journal:string,snapshotEvery:int,"
            + "journalEvents:int}",
        JsonShape.of(r.out()));
    assertTrue(
        r.out().contains("\"evaluators\":2,\"prefetch\":32,\"serializeMessages\":true,"), r.out());
  }

  @Test
  void engineWithAJournalReportsItsEventsAndItsRecovery() {
    Cli.Result r =
        Cli.run(
            "bench",
            "engine",
            "--candidates",
            "1000",
            "--evaluators",
            "2",
            "--journal",
            "h2",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "{candidatesPerSecond:float,overheadMicrosPerCandidate:float,candidates:int,"
            + "rejectedDraws:int,evaluators:int,prefetch:int,serializeMessages:bool,"
            + "wallSeconds:float,retainedHeapMb:float,journal:string,snapshotEvery:int,"
            + "journalEvents:int,recoverySeconds:float}",
        JsonShape.of(r.out()));
    // At least one result per candidate, and the job first.
    int events = Integer.parseInt(r.out().replaceAll(".*\"journalEvents\":(\\d+).*\\s*", "$1"));
    assertTrue(events > 1000, r.out());
  }

  @Test
  void predictorReportsMicrosecondsPerCandidateAtBothBatchSizes() {
    Path model = dir.resolve("xeon.predictor");
    Cli.Result trained =
        Cli.run(
            "latency",
            "train",
            "--data",
            Cli.hatXeonLatency().toString(),
            "--steps",
            "5",
            "--out",
            model.toString());
    assertEquals(0, trained.exitCode(), trained.err());
    Cli.Result r =
        Cli.run(
            "bench",
            "predictor",
            "--model",
            model.toString(),
            "--space",
            "tiny",
            "--seconds",
            "0.05",
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertEquals(
        "{batch1MicrosPerCandidate:float,batch125MicrosPerCandidate:float}", JsonShape.of(r.out()));
  }

  /**
   * The supernet benchmark's workload is fixed (an 8000-token BPE and 4000 sentences of the bundled
   * corpus, about half a minute), so its object is checked from a made-up result.
   */
  @Test
  void supernetThroughputKeepsItsKeys() {
    SupernetBenchmark.Result r =
        new SupernetBenchmark.Result(
            "tiny",
            Extremes.largest(BuiltInSpaces.tiny(), true),
            4000,
            5000,
            Extremes.smallest(BuiltInSpaces.tiny()),
            150,
            1);
    String json = Json.write(BenchSupernetCommand.ThroughputJson.of(r));
    assertEquals(
        "{space:string,denseShape:string,supernetTrainTokensPerSecond:float,"
            + "standaloneTrainTokensPerSecond:float,ratio:float,midSubnet:string,"
            + "evalSentencesPerSecond:float,threads:int}",
        JsonShape.of(json));
    assertTrue(json.contains("\"ratio\":0.8,"), json);
  }
}
