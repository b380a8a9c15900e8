package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * Saves and loads supernet checkpoints: a folder with {@code checkpoint.json}, {@code
 * weights.ndlist} and {@code adam.ndlist}. A checkpoint is written to a temporary folder and
 * renamed into place, so a crash mid-write leaves the previous checkpoint intact; a truncated or
 * foreign folder is a one-line error.
 */
public final class Checkpoints {
  private static final Gson GSON =
      new GsonBuilder().serializeSpecialFloatingPointValues().setPrettyPrinting().create();

  private Checkpoints() {}

  public static void save(
      Path dir,
      Supernet net,
      long step,
      long seed,
      TrainingSettings settings,
      String bpeSha256,
      double validLoss) {
    SupernetWeights w = net.weights();
    Adam adam = net.adam();
    CheckpointInfo info =
        new CheckpointInfo(
            CheckpointInfo.FORMAT,
            step,
            seed,
            SearchSpaceCodec.toYaml(net.space()),
            w.shape(),
            settings,
            bpeSha256,
            w.names(),
            new HashMap<>(adam.steps),
            validLoss);
    Path tmp = dir.resolveSibling(dir.getFileName() + ".tmp");
    try {
      deleteTree(tmp);
      Files.createDirectories(tmp);
      write(tmp.resolve("weights.ndlist"), arrays(w.names(), w::get));
      NDList moments = new NDList();
      moments.addAll(arrays(w.names(), adam.first::get));
      moments.addAll(arrays(w.names(), adam.second::get));
      write(tmp.resolve("adam.ndlist"), moments);
      Files.writeString(tmp.resolve("checkpoint.json"), GSON.toJson(info), StandardCharsets.UTF_8);
      Path old = dir.resolveSibling(dir.getFileName() + ".old");
      deleteTree(old);
      if (Files.exists(dir)) {
        Files.move(dir, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      deleteTree(old);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads only the metadata. */
  public static CheckpointInfo info(Path dir) {
    Path json = dir.resolve("checkpoint.json");
    if (!Files.isRegularFile(json)) {
      throw new InvalidInputException(
          dir + ": not a supernet checkpoint (checkpoint.json is missing)");
    }
    try {
      CheckpointInfo info =
          GSON.fromJson(Files.readString(json, StandardCharsets.UTF_8), CheckpointInfo.class);
      if (info == null
          || info.format() != CheckpointInfo.FORMAT
          || info.names() == null
          || info.shape() == null) {
        throw new InvalidInputException(
            dir
                + ": checkpoint.json is not an automoe checkpoint of format "
                + CheckpointInfo.FORMAT);
      }
      return info;
    } catch (JsonParseException | IOException e) {
      throw new InvalidInputException(
          dir
              + ": checkpoint.json is unreadable ("
              + e.getMessage().lines().findFirst().orElse("")
              + ")");
    }
  }

  /**
   * A supernet restored with its optimizer state; the caller continues from {@code info.step()}.
   */
  public static Supernet load(Path dir, NDManager manager) {
    CheckpointInfo info = info(dir);
    SearchSpace space;
    try {
      space = SearchSpaceCodec.parseYaml(info.spaceYaml());
    } catch (InvalidInputException e) {
      throw e.in(dir + "/checkpoint.json spaceYaml");
    }
    int n = info.names().size();
    NDList weights = read(dir.resolve("weights.ndlist"), manager, n);
    NDList moments = read(dir.resolve("adam.ndlist"), manager, 2 * n);
    SupernetWeights w = SupernetWeights.restore(info.shape(), info.names(), weights, manager);
    Supernet net = new Supernet(space, w);
    for (int i = 0; i < n; i++) {
      String name = info.names().get(i);
      net.adam().first.get(name).set(moments.get(i).toByteBuffer());
      net.adam().second.get(name).set(moments.get(n + i).toByteBuffer());
    }
    if (info.adamSteps() != null) {
      net.adam().steps.putAll(info.adamSteps());
    }
    moments.close();
    return net;
  }

  private static NDList read(Path file, NDManager manager, int expected) {
    try (InputStream in = Files.newInputStream(file)) {
      NDList list = NDList.decode(manager, in);
      if (list.size() != expected) {
        throw new InvalidInputException(
            file + ": holds " + list.size() + " arrays, expected " + expected);
      }
      return list;
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(file + ": missing; the checkpoint is incomplete");
    } catch (IOException | RuntimeException e) {
      if (e instanceof InvalidInputException i) {
        throw i;
      }
      throw new InvalidInputException(
          file + ": truncated or not an NDList file (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static NDList arrays(List<String> names, Function<String, NDArray> get) {
    NDList out = new NDList();
    names.forEach(n -> out.add(get.apply(n)));
    return out;
  }

  private static void write(Path file, NDList list) throws IOException {
    try (OutputStream out = Files.newOutputStream(file)) {
      list.encode(out);
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
      for (Path p : all) {
        Files.delete(p);
      }
    }
  }
}
