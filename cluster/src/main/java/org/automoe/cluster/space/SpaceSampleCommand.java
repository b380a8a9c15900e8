package org.automoe.cluster.space;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.GenomeLayout;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.evo.RandomSampler;
import org.automoe.core.evo.Seeds;
import org.automoe.core.space.SearchSpace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code automoe space sample NAME -n N --seed S --out DIR}: N uniform random architectures as
 * HAT/AutoMoE YAML files. Draw i uses a seed derived from (S, i), so any file can be reproduced
 * alone; each file records its seed in a comment.
 */
@Command(
    name = "sample",
    mixinStandardHelpOptions = true,
    description =
        "Write N random architectures of a space as HAT/AutoMoE subtransformer YAML files.")
final class SpaceSampleCommand implements Runnable {
  @Parameters(
      index = "0",
      paramLabel = "SPACE",
      description = "paper, paper:M, small, tiny, or a .yml/.conf file")
  String space;

  @Option(
      names = {"-n", "--count"},
      required = true,
      description = "number of architectures")
  int count;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "root seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--out", required = true, description = "output folder (created if missing)")
  Path out;

  @Option(names = "--force", description = "overwrite existing files")
  boolean force;

  @Override
  public void run() {
    if (count < 1 || count > 1_000_000) {
      throw new InvalidInputException("-n: must be in [1, 1000000], but was " + count);
    }
    SearchSpace s = SpaceFiles.resolve(space);
    GenomeLayout layout = new GenomeLayout(s);
    RandomSampler sampler = new RandomSampler(layout);
    int digits = Math.max(4, String.valueOf(count).length());
    try {
      Files.createDirectories(out);
      for (int i = 0; i < count; i++) {
        Path file = out.resolve(String.format("arch-%0" + digits + "d.yml", i + 1));
        if (Files.exists(file) && !force) {
          throw new InvalidInputException(
              file + ": already exists; choose another --out or pass --force");
        }
        long drawSeed = Seeds.derive(seed, i);
        Architecture a = layout.decode(sampler.sample(Seeds.rng(drawSeed)));
        String header =
            "# sampled from space '"
                + s.name()
                + "', root seed "
                + seed
                + ", draw "
                + i
                + ", draw seed "
                + drawSeed
                + "\n# key "
                + a.key()
                + "\n";
        Files.writeString(file, header + HatYamlCodec.write(a));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(
        "wrote "
            + count
            + " architectures of space '"
            + s.name()
            + "' to "
            + out
            + " (seed "
            + seed
            + ")");
  }
}
