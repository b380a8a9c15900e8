package org.automoe.cluster.space;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.automoe.cluster.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpaceCommandTest {
  @Test
  void showPrintsAFileThatReadsBackAsTheSameSpace(@TempDir Path dir) throws IOException {
    Cli.Result shown = Cli.run("space", "show", "small");
    assertEquals(0, shown.exitCode(), shown.err());
    assertTrue(shown.out().contains("qkv-dim: 128"));
    Path file = dir.resolve("mine.yml");
    Files.writeString(file, shown.out());
    Cli.Result again = Cli.run("space", "show", file.toString());
    assertEquals(shown.out(), again.out());
  }

  @Test
  void readsHoconSpaceFiles(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("mine.conf");
    Files.writeString(
        file,
        String.join(
            "\n",
            "name = mine, qkv-dim = 64, vocab-size = 500",
            "encoder { embed-dims = [64], layers = [2], self-heads = [2, 4], experts = \"1..2\", expert-widths = [64, 128] }",
            "decoder { embed-dims = [64], layers = [1, 2], self-heads = [2], cross-heads = [2],",
            "  enc-dec-attention = [-1, 1], experts = [1], expert-widths = [64] }"));
    Cli.Result r = Cli.run("space", "show", file.toString());
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().contains("name: mine"));
    assertTrue(r.out().contains("  experts: [1, 2]"));
    Files.writeString(file, "name = mine, qkv-dim = 64\nencoder {");
    CostCommandTest.assertOneLineError(
        Cli.run("space", "show", file.toString()), file + ": not valid HOCON");
  }

  @Test
  void badSpaceFilesNameTheKey(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("bad.yml");
    Files.writeString(
        file,
        Cli.run("space", "show", "tiny")
            .out()
            .replace("cross-heads: [2, 4]", "cross-heads: [2, 5]"));
    CostCommandTest.assertOneLineError(
        Cli.run("space", "show", file.toString()),
        file + ": decoder.cross-heads: 5 heads do not divide qkv-dim 64");
  }

  @Test
  void samplingReplaysFromTheSeed(@TempDir Path dir) throws IOException {
    List<String> a = contents(sample("paper", 5, 42, dir.resolve("a")));
    assertEquals(5, a.size());
    assertEquals(a, contents(sample("paper", 5, 42, dir.resolve("b"))));
    assertNotEquals(a, contents(sample("paper", 5, 43, dir.resolve("c"))));
    for (Path f : list(dir.resolve("a"))) {
      assertEquals(
          0, Cli.run("cost", "--arch", f.toString(), "--space", "paper").exitCode(), "reads back");
    }
  }

  private static Path sample(String space, int n, long seed, Path out) {
    Cli.Result r =
        Cli.run(
            "space", "sample", space, "-n", "" + n, "--seed", "" + seed, "--out", out.toString());
    assertEquals(0, r.exitCode(), r.err());
    return out;
  }

  @Test
  void samplingRefusesToOverwriteWithoutForce(@TempDir Path dir) {
    String out = dir.resolve("s").toString();
    assertEquals(0, Cli.run("space", "sample", "tiny", "-n", "2", "--out", out).exitCode());
    CostCommandTest.assertOneLineError(
        Cli.run("space", "sample", "tiny", "-n", "2", "--out", out), "already exists");
    assertEquals(
        0, Cli.run("space", "sample", "tiny", "-n", "2", "--out", out, "--force").exitCode());
    CostCommandTest.assertOneLineError(
        Cli.run("space", "sample", "tiny", "-n", "0", "--out", out), "-n: must be in");
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }

  private static List<String> contents(Path dir) throws IOException {
    return list(dir).stream()
        .map(
            f -> {
              try {
                return Files.readString(f);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .toList();
  }
}
