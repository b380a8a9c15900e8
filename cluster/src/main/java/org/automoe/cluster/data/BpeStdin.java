package org.automoe.cluster.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;

/** The stdin-to-stdout loop {@code bpe encode} and {@code bpe decode} share. */
final class BpeStdin {
  /** Turns one line of stdin (numbered from 1) into one line of output. */
  @FunctionalInterface
  interface LineFunction {
    String apply(Bpe bpe, String line, int lineNumber);
  }

  private BpeStdin() {}

  /** Reads the BPE file, then prints {@code f} of each line of stdin. */
  static void eachLine(Path model, String action, LineFunction f) {
    if (model == null) {
      throw new InvalidInputException("bpe " + action + " needs --model FILE");
    }
    Bpe bpe = BpeFiles.read(model);
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String line;
      int n = 0;
      while ((line = in.readLine()) != null) {
        n++;
        System.out.println(f.apply(bpe, line, n));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
