package org.automoe.cluster.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.automoe.cluster.cli.Cli;
import org.automoe.cluster.space.CostCommandTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BpeCommandTest {
  @Test
  void learnsThenEncodesAndDecodesExactly(@TempDir Path dir) throws IOException {
    Path corpus = Cli.corpus(dir, 500);
    Path model = dir.resolve("bpe.txt");
    Cli.Result learned =
        Cli.run(
            "bpe",
            "learn",
            "--corpus",
            corpus.toString(),
            "--vocab",
            "300",
            "--out",
            model.toString());
    assertEquals(0, learned.exitCode(), learned.err());
    String text = "ein kleines Haus  mit Ümläut 😀\n";
    Cli.Result ids = withStdin(text, () -> Cli.run("bpe", "encode", "--model", model.toString()));
    assertTrue(ids.out().strip().matches("[0-9 ]+"), ids.out());
    Cli.Result back =
        withStdin(ids.out(), () -> Cli.run("bpe", "decode", "--model", model.toString()));
    assertEquals(text, back.out());
    CostCommandTest.assertOneLineError(Cli.run("bpe", "shrink"), "bpe: unknown action 'shrink'");
    CostCommandTest.assertOneLineError(
        withStdin("1 x 2\n", () -> Cli.run("bpe", "decode", "--model", model.toString())),
        "stdin line 1: expected token ids");
  }

  @Test
  void withoutAnActionPrintsTheActions() {
    Cli.Result r = Cli.run("bpe");
    assertEquals(0, r.exitCode(), r.err());
    assertTrue(r.out().startsWith("Usage: automoe bpe"), r.out());
    for (String action : List.of("learn", "encode", "decode")) {
      assertTrue(r.out().contains("\n  " + action + " "), r.out());
    }
  }

  @Test
  void eachActionHasHelp() {
    for (String action : List.of("learn", "encode", "decode")) {
      Cli.Result r = Cli.run("bpe", action, "--help");
      assertEquals(0, r.exitCode(), r.err());
      assertTrue(r.out().startsWith("Usage: automoe bpe " + action), r.out());
    }
  }

  @Test
  void missingFilesAreNamed() {
    CostCommandTest.assertOneLineError(
        Cli.run("bpe", "learn", "--vocab", "300"), "bpe learn needs --corpus DIR and --out FILE");
    CostCommandTest.assertOneLineError(
        withStdin("1 2\n", () -> Cli.run("bpe", "decode")), "bpe decode needs --model FILE");
  }

  private static Cli.Result withStdin(String text, Supplier<Cli.Result> run) {
    InputStream old = System.in;
    try {
      System.setIn(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
      return run.get();
    } finally {
      System.setIn(old);
    }
  }
}
