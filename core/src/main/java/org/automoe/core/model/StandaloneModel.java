package org.automoe.core.model;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.Checkpoints;
import org.automoe.core.supernet.SubnetExport;
import org.automoe.core.supernet.Supernet;

/**
 * A standalone model folder: resumed from its {@code last/} checkpoint when it has one, else sliced
 * out of an origin supernet (trained, or freshly initialised) with its {@code arch.yml} written.
 * Shared by {@code subnet train} and the run's finalists.
 */
public final class StandaloneModel {
  private StandaloneModel() {}

  /**
   * @param start the step training resumes from (0 for a fresh export)
   */
  public record Opened(Supernet model, Architecture arch, long start) {}

  /**
   * @param origin loads the supernet to slice from, into the given manager
   * @param arch the architecture, read against the model's space
   */
  public static Opened open(
      Path out,
      NDManager manager,
      Function<NDManager, Supernet> origin,
      Function<SearchSpace, Architecture> arch) {
    Path last = out.resolve("last");
    if (Files.isDirectory(last) && Checkpoints.info(last).step() > 0) {
      long start = Checkpoints.info(last).step();
      Supernet model = Checkpoints.load(last, manager);
      return new Opened(model, arch.apply(model.space()), start);
    }
    try (NDManager source = NDManager.newBaseManager();
        Supernet from = origin.apply(source)) {
      Architecture a = arch.apply(from.space());
      Supernet model = SubnetExport.export(from, a, manager);
      new RunDirectory(out).write("arch.yml", HatYamlCodec.write(a));
      return new Opened(model, a, 0);
    }
  }
}
