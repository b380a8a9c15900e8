package org.automoe.cluster.data;

import org.automoe.core.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code automoe bpe learn|encode|decode}: the joint BPE vocabulary on its own. */
@Command(
    name = "bpe",
    mixinStandardHelpOptions = true,
    description = {
      "Learn a joint BPE vocabulary from a corpus folder, or apply one to stdin:",
      "  automoe bpe learn --corpus DIR --vocab 8000 --out bpe.txt",
      "  automoe bpe encode --model bpe.txt < text    (one line of token ids per line)",
      "  automoe bpe decode --model bpe.txt < ids     (the exact text back)"
    },
    subcommands = {BpeLearnCommand.class, BpeEncodeCommand.class, BpeDecodeCommand.class})
public final class BpeCommand implements Runnable {
  @Spec CommandSpec spec;

  /** A word that names no subcommand, caught here to name the actions there are. */
  @Parameters(arity = "0..1", paramLabel = "ACTION", hidden = true)
  String unknown;

  @Override
  public void run() {
    if (unknown != null) {
      throw new InvalidInputException(
          "bpe: unknown action '" + unknown + "'; use learn, encode or decode");
    }
    spec.commandLine().usage(System.out);
  }
}
