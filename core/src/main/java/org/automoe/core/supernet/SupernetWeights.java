package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The supernet's parameters by name, in one {@link NDManager}, plus the sinusoidal position table.
 * Initialisation draws from a seeded Java generator, so the same seed gives the same weights on any
 * engine build. Linear weights are stored [out, in] and Xavier-uniform; embeddings are normal with
 * standard deviation 1/sqrt(width) and a zero padding row; LayerNorms start at (1, 0).
 */
public final class SupernetWeights implements ParamSource, AutoCloseable {
  private final SupernetShape shape;
  private final NDManager manager;
  private final Map<String, NDArray> params = new LinkedHashMap<>();
  private final NDArray positions;

  private SupernetWeights(SupernetShape shape, NDManager manager) {
    this.shape = shape;
    this.manager = manager;
    this.positions = sinusoids(manager, shape.maxPositions(), shape.embedDim());
  }

  /** Fresh weights drawn from {@code seed}. */
  public static SupernetWeights init(SupernetShape s, long seed, NDManager parent) {
    SupernetWeights w = new SupernetWeights(s, parent.newSubManager());
    SplittableRandom rng = new SplittableRandom(seed);
    int d = s.embedDim();
    float[] embed = normal(rng, (long) s.vocab() * d, (float) (1 / Math.sqrt(d)));
    Arrays.fill(embed, 0, d, 0f); // padding row
    w.add(Names.EMBED, embed, new Shape(s.vocab(), d));
    for (int i = 0; i < s.encoderLayers(); i++) {
      String p = Names.encoder(i);
      w.attention(rng, p + ".self", s.qkv(), s.encoderDim(), s.encoderDim());
      w.layerNorm(p + ".ln1", s.encoderDim());
      w.moe(rng, p, s.encoderDim(), s.encoderExperts(), s.encoderFfn());
      w.layerNorm(p + ".ln2", s.encoderDim());
    }
    for (int i = 0; i < s.decoderLayers(); i++) {
      String p = Names.decoder(i);
      w.attention(rng, p + ".self", s.qkv(), s.decoderDim(), s.decoderDim());
      w.layerNorm(p + ".ln1", s.decoderDim());
      w.attention(rng, p + ".cross", s.qkv(), s.decoderDim(), s.encoderDim());
      w.layerNorm(p + ".ln2", s.decoderDim());
      w.moe(rng, p, s.decoderDim(), s.decoderExperts(), s.decoderFfn());
      w.layerNorm(p + ".ln3", s.decoderDim());
    }
    return w;
  }

  /** Weights restored from saved arrays, in the order of {@link #names()}. */
  public static SupernetWeights restore(
      SupernetShape s, List<String> names, List<NDArray> arrays, NDManager parent) {
    SupernetWeights w = new SupernetWeights(s, parent.newSubManager());
    for (int i = 0; i < names.size(); i++) {
      NDArray a = arrays.get(i);
      a.attach(w.manager);
      a.setRequiresGradient(true);
      w.params.put(names.get(i), a);
    }
    return w;
  }

  public SupernetShape shape() {
    return shape;
  }

  public NDManager manager() {
    return manager;
  }

  @Override
  public NDArray get(String name) {
    NDArray a = params.get(name);
    if (a == null) {
      throw new IllegalArgumentException("no supernet parameter " + name);
    }
    return a;
  }

  public List<String> names() {
    return List.copyOf(params.keySet());
  }

  /** Sinusoidal positions [maxPositions, embedDim], computed at full width; subnets slice them. */
  @Override
  public NDArray positions() {
    return positions;
  }

  public long parameterCount() {
    return params.values().stream().mapToLong(a -> a.getShape().size()).sum();
  }

  @Override
  public void close() {
    manager.close();
  }

  private void attention(SplittableRandom rng, String p, int qkv, int dQuery, int dKey) {
    linear(rng, p + ".q", qkv, dQuery);
    linear(rng, p + ".k", qkv, dKey);
    linear(rng, p + ".v", qkv, dKey);
    linear(rng, p + ".o", dQuery, qkv);
  }

  private void moe(SplittableRandom rng, String p, int d, int experts, int ffn) {
    add(p + ".router.w", xavier(rng, experts, d), new Shape(experts, d));
    for (int e = 0; e < experts; e++) {
      linear(rng, p + ".expert" + e + ".fc1", ffn, d);
      linear(rng, p + ".expert" + e + ".fc2", d, ffn);
    }
  }

  private void linear(SplittableRandom rng, String p, int out, int in) {
    add(p + ".w", xavier(rng, out, in), new Shape(out, in));
    add(p + ".b", new float[out], new Shape(out));
  }

  private void layerNorm(String p, int d) {
    float[] ones = new float[d];
    Arrays.fill(ones, 1f);
    add(p + ".g", ones, new Shape(d));
    add(p + ".b", new float[d], new Shape(d));
  }

  private void add(String name, float[] values, Shape s) {
    NDArray a = manager.create(values, s);
    a.setRequiresGradient(true);
    params.put(name, a);
  }

  private static float[] xavier(SplittableRandom rng, int out, int in) {
    double bound = Math.sqrt(6.0 / (in + out));
    float[] v = new float[out * in];
    for (int i = 0; i < v.length; i++) {
      v[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
    }
    return v;
  }

  private static float[] normal(SplittableRandom rng, long n, float std) {
    float[] v = new float[Math.toIntExact(n)];
    for (int i = 0; i < v.length; i += 2) {
      // Box-Muller: two normals per draw, from the seeded generator only.
      double u1 = 1 - rng.nextDouble();
      double u2 = rng.nextDouble();
      double r = Math.sqrt(-2 * Math.log(u1)) * std;
      v[i] = (float) (r * Math.cos(2 * Math.PI * u2));
      if (i + 1 < v.length) {
        v[i + 1] = (float) (r * Math.sin(2 * Math.PI * u2));
      }
    }
    return v;
  }

  /** fairseq's sinusoidal table: sines in the first half of the columns, cosines in the second. */
  static NDArray sinusoids(NDManager m, int positions, int dim) {
    int half = dim / 2;
    double step = Math.log(10000) / Math.max(1, half - 1);
    float[] table = new float[positions * dim];
    for (int pos = 0; pos < positions; pos++) {
      for (int i = 0; i < half; i++) {
        double angle = (pos + 1) * Math.exp(-i * step);
        table[pos * dim + i] = (float) Math.sin(angle);
        table[pos * dim + half + i] = (float) Math.cos(angle);
      }
    }
    return m.create(table, new Shape(positions, dim)).toType(DataType.FLOAT32, false);
  }
}
