package org.automoe.cluster.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.automoe.cluster.cli.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real second JVM joins a running search as a worker over loopback and is killed (SIGKILL)
 * mid-search: the split-brain resolver removes its node, its leases go back to the queue, and every
 * candidate is still evaluated exactly once.
 */
class WorkerJvmTest {
  @TempDir Path dir;

  @Test
  void aKilledWorkerJvmLosesNoCandidate() throws Exception {
    Path supernet = trainTinySupernet();
    int port = freePort();
    Path conf =
        Files.writeString(
            dir.resolve("c.conf"),
            "automoe.cluster.port = " + port + "\nautomoe.search.evaluators = 1\n");
    Path out = dir.resolve("search");
    CompletableFuture<Cli.Result> search =
        CompletableFuture.supplyAsync(
            () ->
                Cli.run(
                    "search",
                    "--supernet",
                    supernet.toString(),
                    "--config",
                    conf.toString(),
                    "--budget",
                    "1000",
                    "--population",
                    "20",
                    "--out",
                    out.toString(),
                    "--json"));

    Process worker = startWorker(supernet, port, dir.resolve("w.conf"));
    List<String> workerLines = new ArrayList<>();
    try {
      BufferedReader err =
          new BufferedReader(
              new InputStreamReader(worker.getErrorStream(), StandardCharsets.UTF_8));
      String line;
      // The worker logs at DEBUG, so it says when its evaluator holds leased candidates.
      while ((line = err.readLine()) != null) {
        workerLines.add(line);
        if (line.contains("leased ")) {
          break;
        }
      }
      assertTrue(
          workerLines.stream().anyMatch(l -> l.startsWith("worker node ")),
          String.join("\n", workerLines));
      assertTrue(
          workerLines.stream().anyMatch(l -> l.contains("leased ")),
          String.join("\n", workerLines));
      assertTrue(worker.isAlive(), "the worker still runs before it is killed");
    } finally {
      worker.destroyForcibly();
      worker.waitFor(30, TimeUnit.SECONDS);
    }

    Cli.Result r = search.get(5, TimeUnit.MINUTES);
    assertEquals(0, r.exitCode(), r.err());
    JsonObject s =
        JsonParser.parseString(r.out().strip()).getAsJsonObject().getAsJsonObject("search");
    assertEquals(1000, s.get("evaluated").getAsInt());
    assertEquals(0, s.get("failed").getAsInt());
    assertTrue(s.get("requeued").getAsInt() >= 1, "the killed worker held a lease: " + s);
    List<String> rows = Files.readAllLines(out.resolve("evaluated.csv"));
    Set<String> ids = new HashSet<>();
    for (String row : rows.subList(1, rows.size())) {
      assertTrue(ids.add(row.split(",")[0]), "evaluated twice: " + row);
    }
    assertEquals(1000, ids.size());
  }

  @Test
  void aWorkerWhoseCoordinatorDiesExitsNonZeroForItsSupervisor() throws Exception {
    Path supernet = trainTinySupernet();
    int port = freePort();
    Path conf =
        Files.writeString(
            dir.resolve("c2.conf"),
            "automoe.cluster.port = " + port + "\nautomoe.search.evaluators = 1\n");
    Process search =
        automoe(
                "search",
                "--supernet",
                supernet.toString(),
                "--config",
                conf.toString(),
                "--population",
                "20",
                "--out",
                dir.resolve("endless").toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    Process worker = startWorker(supernet, port, dir.resolve("w2.conf"));
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> leased = new CompletableFuture<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader err =
                  new BufferedReader(
                      new InputStreamReader(worker.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = err.readLine()) != null) { // drained to the end: it must not block
                  lines.add(line);
                  if (line.contains("leased ")) {
                    leased.complete(null);
                  }
                }
              } catch (IOException e) {
                leased.completeExceptionally(e);
              }
            });
    reader.start();
    try {
      leased.get(3, TimeUnit.MINUTES);
      search.destroyForcibly(); // the coordinator's JVM dies (SIGKILL)
      assertTrue(worker.waitFor(3, TimeUnit.MINUTES), "the worker exits on its own");
      reader.join(TimeUnit.SECONDS.toMillis(30));
      assertEquals(3, worker.exitValue(), String.join("\n", lines));
      assertTrue(
          lines.stream().anyMatch(l -> l.contains("left the cluster (downed")),
          String.join("\n", lines));
    } finally {
      search.destroyForcibly();
      worker.destroyForcibly();
    }
  }

  private Path trainTinySupernet() throws IOException {
    return Cli.tinySupernet(dir, 2);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static Process startWorker(Path supernet, int port, Path conf) throws IOException {
    Files.writeString(conf, "automoe.cluster.port = 0\n");
    ProcessBuilder builder =
        automoe(
                "node",
                "--roles",
                "worker",
                "--seed",
                "127.0.0.1:" + port,
                "--supernet",
                supernet.toString(),
                "--evaluators",
                "1",
                "--config",
                conf.toString())
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("AUTOMOE_LOG_LEVEL", "DEBUG");
    return builder.start();
  }

  private static ProcessBuilder automoe(String... args) {
    return Cli.jvm(args);
  }
}
