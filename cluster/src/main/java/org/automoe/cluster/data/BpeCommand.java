package org.automoe.cluster.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.automoe.cluster.run.RunBpe;
import org.automoe.core.InvalidInputException;
import org.automoe.core.data.Bpe;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.CorpusFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code automoe bpe learn|encode|decode}: the joint BPE vocabulary on its own. */
@Command(
    name = "bpe",
    mixinStandardHelpOptions = true,
    description = {
      "Learn a joint BPE vocabulary from a corpus folder, or apply one to stdin:",
      "  automoe bpe learn --corpus DIR --vocab 8000 --out bpe.txt",
      "  automoe bpe encode --model bpe.txt < text    (one line of token ids per line)",
      "  automoe bpe decode --model bpe.txt < ids     (the exact text back)"
    })
public final class BpeCommand implements Runnable {
  @Parameters(index = "0", paramLabel = "ACTION", description = "learn, encode or decode")
  String action;

  @Option(names = "--corpus", description = "corpus folder (learn)")
  Path corpus;

  @Option(
      names = "--vocab",
      defaultValue = "8000",
      description = "vocabulary size (learn; default: ${DEFAULT-VALUE})")
  int vocab;

  @Option(names = "--out", description = "BPE file to write (learn)")
  Path out;

  @Option(names = "--model", description = "BPE file (encode, decode)")
  Path model;

  @Override
  public void run() {
    switch (action) {
      case "learn" -> learn();
      case "encode" -> apply(true);
      case "decode" -> apply(false);
      default ->
          throw new InvalidInputException(
              "bpe: unknown action '" + action + "'; use learn, encode or decode");
    }
  }

  private void learn() {
    if (corpus == null || out == null) {
      throw new InvalidInputException("bpe learn needs --corpus DIR and --out FILE");
    }
    Bpe bpe = new BpeLearner(vocab, RunBpe.MIN_CHAR_COUNT).learnJoint(CorpusFiles.read(corpus));
    BpeFiles.write(out, bpe);
    System.out.println(
        "wrote " + out + ": " + bpe.vocabSize() + " tokens (" + bpe.merges().size() + " merges)");
  }

  private void apply(boolean encode) {
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
        System.out.println(encode ? ids(bpe.encode(line)) : bpe.decode(parse(line, n)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String ids(int[] ids) {
    return Arrays.stream(ids).mapToObj(String::valueOf).collect(Collectors.joining(" "));
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
