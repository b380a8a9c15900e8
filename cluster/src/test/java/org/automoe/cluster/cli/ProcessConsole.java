package org.automoe.cluster.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A process's console, line by line, with a future per awaited text. */
public final class ProcessConsole {
  public final List<String> lines = new CopyOnWriteArrayList<>();
  private final List<Map.Entry<Pattern, CompletableFuture<Matcher>>> awaited =
      new CopyOnWriteArrayList<>();

  public ProcessConsole(Process p) {
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) { // drained: never blocks it
                  lines.add(line);
                  for (var a : awaited) {
                    Matcher m = a.getKey().matcher(line);
                    if (m.find()) {
                      a.getValue().complete(m);
                    }
                  }
                }
              } catch (IOException e) {
                awaited.forEach(a -> a.getValue().completeExceptionally(e));
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** Completes with the first line (from now on) that {@code regex} finds. */
  public CompletableFuture<Matcher> await(String regex) {
    CompletableFuture<Matcher> f = new CompletableFuture<>();
    Pattern p = Pattern.compile(regex);
    awaited.add(Map.entry(p, f));
    for (String line : lines) { // it may have come already
      Matcher m = p.matcher(line);
      if (m.find()) {
        f.complete(m);
      }
    }
    return f;
  }
}
