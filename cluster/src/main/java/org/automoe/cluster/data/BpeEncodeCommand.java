package org.automoe.cluster.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code automoe bpe encode}: each line of stdin as a line of token ids. */
@Command(
    name = "encode",
    mixinStandardHelpOptions = true,
    description = "Encode each line of stdin as a line of token ids separated by spaces.")
final class BpeEncodeCommand implements Runnable {
  @Option(names = "--model", description = "BPE file")
  Path model;

  @Override
  public void run() {
    BpeStdin.eachLine(model, "encode", (bpe, line, n) -> ids(bpe.encode(line)));
  }

  private static String ids(int[] ids) {
    return Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(" "));
  }
}
