package org.automoe.cluster.data;

import java.nio.file.Path;
import java.util.Arrays;
import org.automoe.core.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe bpe decode}: each line of token ids on stdin as the exact text back. */
@Command(
    name = "decode",
    mixinStandardHelpOptions = true,
    description = "Decode each line of token ids on stdin back to the exact text.")
final class BpeDecodeCommand implements Runnable {
  @Option(names = "--model", description = "BPE file")
  Path model;

  @Override
  public void run() {
    BpeStdin.eachLine(model, "decode", (bpe, line, n) -> bpe.decode(parse(line, n)));
  }

  private static int[] parse(String line, int n) {
    try {
      return line.isBlank()
          ? new int[0]
          : Arrays.stream(line.trim().split("\\s+")).mapToInt(Integer::parseInt).toArray();
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          "stdin line " + n + ": expected token ids separated by spaces");
    }
  }
}
