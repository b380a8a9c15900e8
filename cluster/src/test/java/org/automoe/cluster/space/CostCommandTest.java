package org.automoe.cluster.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.cli.CliErrors;
import org.automoe.cluster.cli.JsonShape;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class CostCommandTest {
  private static long field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(-?\\d+)").matcher(json);
    assertTrue(m.find(), () -> name + " missing in " + json);
    return Long.parseLong(m.group(1));
  }

  @Test
  void jsonMatchesHatsPublishedFiguresOnOneLine() {
    Cli.Result r =
        Cli.run(
            "cost",
            "--arch",
            Cli.hat("HAT_wmt14ende_xeon@137.9ms_bleu@25.8.yml").toString(),
            "--json");
    assertEquals(0, r.exitCode(), r.err());
    String json = r.out().strip();
    assertTrue(json.startsWith("{") && json.endsWith("}") && !json.contains("\n"), json);
    assertEquals(
        "{arch:string,space:string,key:string,paramsNonEmbedding:int,paramsTotal:int,"
            + "paramsActive:int,flops:int,flopsWithOutput:int,encoderFlops:int,decoderFlops:int,"
            + "routing:string,qkvDim:int,vocabSize:int,sourceLength:int,targetLength:int,"
            + "moeLayers:int}",
        JsonShape.of(json));
    assertTrue(
        Pattern.compile("\"paramsNonEmbedding\":30465536,.*\"flops\":1873336320,")
            .matcher(json)
            .find(),
        "the line CI greps: " + json);
    assertEquals("30.47", String.format("%.2f", field(json, "paramsNonEmbedding") / 1e6));
    assertEquals("1.87", String.format("%.2f", field(json, "flops") / 1e9));
    assertEquals(30_465_536L + 32768L * 512, field(json, "paramsTotal"));
    assertEquals(field(json, "paramsNonEmbedding"), field(json, "paramsActive"));
    assertEquals(field(json, "flops") + 2L * 30 * 512 * 32768, field(json, "flopsWithOutput"));
    assertTrue(json.contains("\"space\":\"paper\""));
    assertEquals("", r.err(), "nothing on stderr");
  }

  @Test
  void detectsTheSpaceOfASmallArchitecture(@TempDir Path dir) {
    Cli.Result sample =
        Cli.run("space", "sample", "small", "-n", "1", "--seed", "3", "--out", dir.toString());
    assertEquals(0, sample.exitCode(), sample.err());
    Cli.Result r = Cli.run("cost", "--arch", dir.resolve("arch-0001.yml").toString(), "--json");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("\"space\":\"small\""), r.out());
    assertEquals(128, field(r.out(), "qkvDim"));
  }

  @Test
  void humanOutputNamesTheFigures() {
    Cli.Result r = Cli.run("cost", "--arch", Cli.hat("automoe-moe.yml").toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("params        58.03 M non-embedding"), r.out());
    assertTrue(r.out().contains("4 MoE layers"), r.out());
  }

  @Test
  void badFilesExitTwoWithOneLineNamingFileAndKey(@TempDir Path dir) throws IOException {
    Path shortList = dir.resolve("short.yml");
    Files.writeString(
        shortList,
        Files.readString(Cli.hat("HAT_wmt14ende_xeon@340.2ms_bleu@28.1.yml"))
            .replace(
                "decoder-ende-attention-heads-all-subtransformer: [4, 8, 8, 8]",
                "decoder-ende-attention-heads-all-subtransformer: [4, 8]"));
    assertOneLineError(
        Cli.run("cost", "--arch", shortList.toString()),
        shortList
            + ": decoder-ende-attention-heads-all-subtransformer: has 2 entries, but decoder-layer-num-subtransformer is 4");
    Path broken = dir.resolve("broken.yml");
    Files.writeString(broken, "encoder-embed-dim-subtransformer: [512\n");
    assertOneLineError(
        Cli.run("cost", "--arch", broken.toString()), broken + ": not valid YAML at line 2");
    assertOneLineError(
        Cli.run("cost", "--arch", dir.resolve("nope.yml").toString()), "nope.yml: no such file");
    Path wide = dir.resolve("wide.yml");
    Files.writeString(
        wide,
        Files.readString(Cli.hat("HAT_wmt14ende_xeon@340.2ms_bleu@28.1.yml"))
            .replace(
                "encoder-embed-dim-subtransformer: 512", "encoder-embed-dim-subtransformer: 768"));
    assertOneLineError(
        Cli.run("cost", "--arch", wide.toString()),
        "encoder-embed-dim-subtransformer: 768 is outside the space");
    assertOneLineError(
        Cli.run("cost", "--arch", wide.toString(), "--space", "galaxy"), "unknown space 'galaxy'");
    assertOneLineError(Cli.run("cost"), "Missing required option: '--arch=<arch>'");
  }

  public static void assertOneLineError(Cli.Result r, String expectedPart) {
    assertEquals(CliErrors.BAD_INPUT, r.exitCode());
    assertEquals("", r.out());
    String err = r.err().strip();
    assertTrue(err.startsWith("automoe: ") && err.contains(expectedPart), err);
    assertEquals(1, err.lines().count(), err);
  }
}
