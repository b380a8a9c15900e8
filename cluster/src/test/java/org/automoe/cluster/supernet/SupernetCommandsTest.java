package org.automoe.cluster.supernet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.JsonShape;
import org.automoe.cluster.space.CostCommandTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The supernet and subnet commands end to end, on the tiny space and a small corpus. */
class SupernetCommandsTest {
  @TempDir static Path dir;
  static Path corpus;
  static Path supernet;

  @BeforeAll
  static void trainATinySupernet() throws IOException {
    corpus = Cli.corpus(dir, 600);
    supernet = dir.resolve("supernet");
    Cli.Result r = train("1");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.logged("step 4/6  loss "), String.join("\n", r.log()));
    assertTrue(r.out().contains("done: 6 steps"), r.out());
    String summary = Files.readString(supernet.resolve("train-summary.json"));
    assertEquals(
        "{space:string,steps:int,seed:int,targetTokensPerSecond:float,lastLoss:float,"
            + "bestValidLoss:float}",
        JsonShape.of(summary));
    assertTrue(summary.startsWith("{\"space\":\"tiny\",\"steps\":6,\"seed\":1,"), summary);
  }

  private static Cli.Result train(String seed) {
    return Cli.run(
        "supernet",
        "train",
        "--space",
        "tiny",
        "--corpus",
        corpus.toString(),
        "--steps",
        "6",
        "--vocab",
        "300",
        "--out",
        supernet.toString(),
        "--log-every",
        "2",
        "--validate-every",
        "3",
        "--seed",
        seed,
        "--max-tokens",
        "512");
  }

  @Test
  void rerunningResumesAndOtherOptionsAreRefused() {
    Cli.Result again = train("1");
    assertEquals(0, again.exitCode(), again.err());
    assertTrue(
        again.logged("resuming " + supernet.resolve("last") + " from step 6 of 6"),
        String.join("\n", again.log()));
    CostCommandTest.assertOneLineError(
        train("2"), "holds a run with seed 1, not 2; use another --out or the same options");
  }

  @Test
  void surveysRandomSubnetsWithRankCorrelations() {
    Cli.Result r =
        Cli.run(
            "supernet", "survey", "--supernet", supernet.toString(), "--subnets", "4", "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("{\"subnets\":4,\"spearmanLossVsActiveParams\":"), r.out());
    assertEquals(
        "{subnets:int,spearmanLossVsActiveParams:float,kendallLossVsActiveParams:float,"
            + "spearmanLossVsFlops:float,csv:string}",
        JsonShape.of(r.out()));
    assertTrue(Files.isRegularFile(supernet.resolve("survey.csv")));
  }

  @Test
  void exportsEvaluatesAndRetrainsOneArchitecture() throws IOException {
    Path arch = dir.resolve("arch.yml");
    assertEquals(
        0,
        Cli.run(
                "space",
                "sample",
                "tiny",
                "-n",
                "1",
                "--seed",
                "4",
                "--out",
                dir.resolve("a").toString())
            .exitCode());
    Files.copy(dir.resolve("a/arch-0001.yml"), arch);
    Cli.Result eval =
        Cli.run(
            "subnet",
            "eval",
            "--supernet",
            supernet.toString(),
            "--arch",
            arch.toString(),
            "--test-sentences",
            "5",
            "--json");
    assertEquals(0, eval.exitCode(), eval.err());
    assertEquals(
        "{arch:string,key:string,validLoss:float,validSentences:int,bleu:float,"
            + "bleuSignature:string,testSentences:int,beam:int,translationSentencesPerSecond:float,"
            + "validationSeconds:float,hypotheses:string}",
        JsonShape.of(eval.out()));
    assertTrue(
        eval.out()
            .contains(
                "\"bleuSignature\":\"nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0\""),
        eval.out());
    assertEquals(5, Files.readAllLines(supernet.resolve("eval/arch.hyp")).size());

    Path exported = dir.resolve("exported");
    Cli.Result export =
        Cli.run(
            "subnet",
            "export",
            "--supernet",
            supernet.toString(),
            "--arch",
            arch.toString(),
            "--out",
            exported.toString());
    assertEquals(0, export.exitCode(), export.err());
    Cli.Result evalExported =
        Cli.run(
            "subnet",
            "eval",
            "--supernet",
            exported.toString(),
            "--arch",
            exported.resolve("arch.yml").toString(),
            "--test-sentences",
            "5",
            "--json");
    assertEquals(0, evalExported.exitCode(), evalExported.err());
    assertEquals(
        field(eval.out(), "validLoss"),
        field(evalExported.out(), "validLoss"),
        1e-5,
        "the export scores like the supernet subnet");

    Cli.Result retrain =
        Cli.run(
            "subnet",
            "train",
            "--arch",
            arch.toString(),
            "--space",
            "tiny",
            "--from",
            supernet.toString(),
            "--steps",
            "3",
            "--out",
            dir.resolve("retrained").toString(),
            "--log-every",
            "1",
            "--max-tokens",
            "512");
    assertEquals(0, retrain.exitCode(), retrain.err());
    assertTrue(
        retrain.logged("standalone (inherited from " + supernet + ")"),
        String.join("\n", retrain.log()));
    CostCommandTest.assertOneLineError(
        Cli.run("subnet", "eval", "--supernet", dir.toString(), "--arch", arch.toString()),
        "not a supernet folder (bpe.txt is missing)");
  }

  private static double field(String json, String name) {
    var m = Pattern.compile("\"" + name + "\":([-0-9.eE]+)").matcher(json);
    assertTrue(m.find(), json);
    return Double.parseDouble(m.group(1));
  }
}
