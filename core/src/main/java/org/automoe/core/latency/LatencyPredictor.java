package org.automoe.core.latency;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.arch.Architecture;
import org.automoe.core.evo.constraint.LatencyEstimator;

/**
 * The latency predictor: an MLP (F -> 400 -> 400 -> 400 -> 400 -> 1, ReLU) in DJL over the features
 * of a {@link FeatureSpec}. A whole batch of architectures is one DJL call. The saved file holds
 * the feature spec, the target transform, the training data's hash and the versions, then the
 * weights, so a predictor cannot be used with features it was not trained on.
 *
 * <p>Not thread-safe: give each thread its own instance (loading one takes milliseconds).
 */
public final class LatencyPredictor implements LatencyEstimator, AutoCloseable {
  static final byte[] MAGIC = "AUTOMOE-LATENCY-PREDICTOR\n".getBytes(StandardCharsets.US_ASCII);
  static final int FORMAT = 1;
  static final int[] HIDDEN = {400, 400, 400, 400};

  /**
   * What is saved beside the weights.
   *
   * @param format file format version
   * @param kind feature kind
   * @param maxEncoder encoder layer slots of per-layer features
   * @param maxDecoder decoder layer slots of per-layer features
   * @param normalisers feature normalisers
   * @param hidden hidden layer widths
   * @param linearSkip a linear layer from features to output beside the MLP
   * @param latencyNorm the network outputs latency / latencyNorm
   * @param recipe recipe name
   * @param seed training seed
   * @param trainRows rows trained on
   * @param dataSha256 hash of the training files' bytes, in order
   * @param dataFiles the training files' names
   * @param versions software that trained it
   * @param referenceArch key of the reference architecture when trained on drift-corrected
   *     latencies (null otherwise): measure it next to a prediction to compare like with like
   * @param referenceMs the reference's median latency in the training data
   */
  public record Metadata(
      int format,
      FeatureSpec.Kind kind,
      int maxEncoder,
      int maxDecoder,
      double[] normalisers,
      int[] hidden,
      boolean linearSkip,
      double latencyNorm,
      String recipe,
      long seed,
      int trainRows,
      String dataSha256,
      List<String> dataFiles,
      String versions,
      String referenceArch,
      double referenceMs) {

    public FeatureSpec spec() {
      return new FeatureSpec(kind, maxEncoder, maxDecoder, normalisers);
    }
  }

  private static final Gson GSON = new GsonBuilder().setPrettyPrinting().create();

  private final Model model;
  private final Block block;
  private final Metadata metadata;
  private final FeatureSpec spec;
  private final ParameterStore store;

  LatencyPredictor(Model model, Block block, Metadata metadata) {
    this.model = model;
    this.block = block;
    this.metadata = metadata;
    this.spec = metadata.spec();
    this.store = new ParameterStore(model.getNDManager(), false);
  }

  static Block network(int[] hidden, boolean linearSkip) {
    SequentialBlock mlp = new SequentialBlock();
    for (int h : hidden) {
      mlp.add(Linear.builder().setUnits(h).build()).add(Activation::relu);
    }
    mlp.add(Linear.builder().setUnits(1).build());
    if (!linearSkip) {
      return mlp;
    }
    return new ParallelBlock(
        outputs ->
            new NDList(outputs.get(0).singletonOrThrow().add(outputs.get(1).singletonOrThrow())),
        List.of(mlp, Linear.builder().setUnits(1).build()));
  }

  public Metadata metadata() {
    return metadata;
  }

  public FeatureSpec spec() {
    return spec;
  }

  @Override
  public double[] predictMs(List<Architecture> archs) {
    double[][] rows = new double[archs.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = spec.of(archs.get(i));
    }
    return predictFeatures(rows);
  }

  /** Predicted latency (ms) of dataset rows, by the saved feature spec. */
  public double[] predictRecords(List<LatencyRecord> records) {
    double[][] rows = new double[records.size()][];
    for (int i = 0; i < rows.length; i++) {
      rows[i] = spec.of(records.get(i));
    }
    return predictFeatures(rows);
  }

  /** Predicted latency (ms) of scaled feature rows: one forward pass for the whole batch. */
  public double[] predictFeatures(double[][] rows) {
    if (rows.length == 0) {
      return new double[0];
    }
    int f = spec.size();
    float[] flat = new float[rows.length * f];
    for (int i = 0; i < rows.length; i++) {
      if (rows[i].length != f) {
        throw new InvalidInputException(
            "the predictor takes " + f + " features, but a row has " + rows[i].length);
      }
      for (int j = 0; j < f; j++) {
        flat[i * f + j] = (float) rows[i][j];
      }
    }
    try (NDManager m = model.getNDManager().newSubManager()) {
      NDArray x = m.create(flat, new Shape(rows.length, f));
      float[] y = block.forward(store, new NDList(x), false).singletonOrThrow().toFloatArray();
      double[] out = new double[y.length];
      for (int i = 0; i < y.length; i++) {
        out[i] = toMs(y[i]);
      }
      return out;
    }
  }

  double toMs(double output) {
    return output * metadata.latencyNorm();
  }

  /** Writes the predictor atomically (a temporary file, then a rename). */
  public void save(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      try (OutputStream os = Files.newOutputStream(tmp);
          DataOutputStream out = new DataOutputStream(os)) {
        out.write(MAGIC);
        byte[] json = GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8);
        out.writeInt(json.length);
        out.write(json);
        block.saveParameters(out);
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write predictor " + file, e);
    }
  }

  /** Loads a saved predictor; anything else is a one-line error naming the file. */
  public static LatencyPredictor load(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new InvalidInputException(file + ": cannot read (" + e.getMessage() + ")");
    }
    try (InputStream is = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(is)) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new InvalidInputException(file + ": not an AutoMoE latency predictor");
      }
      int length = in.readInt();
      if (length < 2 || length > bytes.length) {
        throw new InvalidInputException(file + ": corrupt predictor header");
      }
      Metadata meta =
          GSON.fromJson(new String(in.readNBytes(length), StandardCharsets.UTF_8), Metadata.class);
      if (meta == null || meta.format() != FORMAT || meta.kind() == null) {
        throw new InvalidInputException(
            file
                + ": predictor format "
                + (meta == null ? "?" : meta.format())
                + ", this"
                + " version reads "
                + FORMAT);
      }
      Model model = Model.newInstance("latency-predictor", "PyTorch");
      try {
        Block block = network(meta.hidden(), meta.linearSkip());
        block.initialize(
            model.getNDManager(), DataType.FLOAT32, new Shape(1, meta.normalisers().length));
        block.loadParameters(model.getNDManager(), in);
        model.setBlock(block);
        return new LatencyPredictor(model, block, meta);
      } catch (IOException | MalformedModelException | RuntimeException e) {
        model.close();
        throw e;
      }
    } catch (EOFException e) {
      throw new InvalidInputException(file + ": truncated predictor file");
    } catch (IOException | MalformedModelException | JsonParseException e) {
      throw new InvalidInputException(file + ": corrupt predictor (" + e.getMessage() + ")");
    }
  }

  /** The weights as bytes (to keep the best weights seen during training). */
  byte[] snapshot() {
    try (ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes)) {
      block.saveParameters(out);
      out.flush();
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void restore(byte[] weights) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(weights))) {
      block.loadParameters(model.getNDManager(), in);
    } catch (IOException | MalformedModelException e) {
      throw new IllegalStateException("cannot restore predictor weights", e);
    }
  }

  @Override
  public void close() {
    model.close();
  }
}
