package org.automoe.cluster.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the CLI in-process and captures what it prints. */
public final class Cli {
  /**
   * What a command did: its exit code, its stdout and stderr, and the log lines it reported
   * (progress and status go through the logger, so they are checked there).
   */
  public record Result(int exitCode, String out, String err, List<String> log) {
    /** True when a log line contains {@code text}. */
    public boolean logged(String text) {
      return log.stream().anyMatch(m -> m.contains(text));
    }
  }

  private Cli() {}

  public static synchronized Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (LogCapture log = new LogCapture()) {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Result(
          code,
          out.toString(StandardCharsets.UTF_8),
          err.toString(StandardCharsets.UTF_8),
          log.messages());
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  /**
   * A corpus folder {@code dir/corpus} of {@code lines} distinct numbered sentence pairs, made by
   * {@code automoe data import}.
   */
  public static Path corpus(Path dir, int lines) throws IOException {
    StringBuilder tsv = new StringBuilder();
    for (int i = 0; i < lines; i++) {
      tsv.append("the house number ")
          .append(i)
          .append(" is red\tdas Haus Nummer ")
          .append(i)
          .append(" ist rot\n");
    }
    Path file = Files.writeString(dir.resolve("corpus.tsv"), tsv);
    Path corpus = dir.resolve("corpus");
    Result r = run("data", "import", "--tsv", file.toString(), "--out", corpus.toString());
    if (r.exitCode() != 0) {
      throw new AssertionError("data import failed: " + r.err());
    }
    return corpus;
  }

  /**
   * {@code DIR/supernet}: a tiny supernet trained for {@code steps} updates on a corpus of 400
   * sentence pairs ({@link #corpus}), the fitness of search tests.
   */
  public static Path tinySupernet(Path dir, int steps) throws IOException {
    Path corpus = corpus(dir, 400);
    Path supernet = dir.resolve("supernet");
    Result r =
        run(
            "supernet",
            "train",
            "--space",
            "tiny",
            "--corpus",
            corpus.toString(),
            "--steps",
            String.valueOf(steps),
            "--vocab",
            "300",
            "--out",
            supernet.toString(),
            "--max-tokens",
            "512");
    if (r.exitCode() != 0) {
      throw new AssertionError("supernet train failed: " + r.err());
    }
    return supernet;
  }

  /** A HAT fixture from core's test resources. */
  public static Path hat(String file) {
    return Path.of("..", "core", "src", "test", "resources", "hat", file)
        .toAbsolutePath()
        .normalize();
  }

  /** HAT's Xeon latency dataset (2000 measured architectures) from core's test resources. */
  public static Path hatXeonLatency() {
    return Path.of("..", "core", "src", "test", "resources", "hat-latency")
        .resolve("wmt14ende_cpu_xeon_all.csv")
        .toAbsolutePath()
        .normalize();
  }

  /**
   * {@code automoe ARGS} in a JVM of its own, with this JVM's classpath and DJL settings: for a
   * process to kill, or one that runs beside {@link #run} (which holds this JVM's console).
   */
  public static ProcessBuilder jvm(String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String key :
        List.of(
            "ai.djl.offline",
            "DJL_CACHE_DIR",
            "ai.djl.pytorch.num_threads",
            "ai.djl.pytorch.num_interop_threads")) {
      String v = System.getProperty(key);
      if (v != null) {
        cmd.add("-D" + key + "=" + v);
      }
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd);
  }
}
