package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.automoe.core.arch.Architecture;
import org.automoe.core.data.Example;
import org.automoe.core.data.TokenBatcher;

/**
 * A standalone copy of one subnet: only the parameters it uses, each cut to the slice it reads. The
 * same forward code runs on it (slicing a k-wide array to k is the identity), so its outputs equal
 * the supernet subnet's; it also trains on its own, which is how searched architectures and
 * baselines are retrained.
 */
public final class SubnetExport {
  private SubnetExport() {}

  /** A new supernet-shaped model holding only {@code a}'s slices, copied into {@code manager}. */
  public static Supernet export(Supernet net, Architecture a, NDManager manager) {
    Set<String> used = usedNames(net, a);
    List<String> names = new ArrayList<>(new TreeSet<>(used));
    List<NDArray> arrays = new ArrayList<>();
    for (String name : names) {
      NDArray slice = net.weights().get(name).get(slice(name, a)).duplicate();
      slice.attach(manager);
      arrays.add(slice);
    }
    return new Supernet(
        net.space(), SupernetWeights.restore(net.weights().shape(), names, arrays, manager));
  }

  /** The parameters a forward pass of {@code a} reads. */
  static Set<String> usedNames(Supernet net, Architecture a) {
    Set<String> used = new HashSet<>();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      // A one-sentence pass records every non-expert parameter the subnet reads.
      var example = new Example(new int[] {4, 5, 6}, new int[] {4, 5});
      BatchArrays b = new BatchArrays(net.weights().manager(), TokenBatcher.pad(List.of(example)));
      net.forward(net.weights().recording(used), a, Regularization.NONE, false).run(b);
    }
    // Experts that received no token in that pass are still part of the subnet.
    addExperts(used, a);
    return used;
  }

  private static void addExperts(Set<String> used, Architecture a) {
    for (int i = 0; i < a.encoderLayerCount(); i++) {
      addExperts(used, Names.encoder(i), a.encoderLayers().get(i).experts());
    }
    for (int i = 0; i < a.decoderLayerCount(); i++) {
      addExperts(used, Names.decoder(i), a.decoderLayers().get(i).experts());
    }
  }

  private static void addExperts(Set<String> used, String layer, int experts) {
    for (int e = 0; e < experts; e++) {
      for (String part : List.of(".fc1.w", ".fc1.b", ".fc2.w", ".fc2.b")) {
        used.add(layer + ".expert" + e + part);
      }
    }
  }

  /** The slice of parameter {@code name} that architecture {@code a} reads. */
  static NDIndex slice(String name, Architecture a) {
    int dEnc = a.encoderEmbedDim();
    int dDec = a.decoderEmbedDim();
    if (name.equals(Names.EMBED)) {
      return new NDIndex(":, :{}", Math.max(dEnc, dDec));
    }
    boolean encoder = name.startsWith("enc");
    int layer = Integer.parseInt(name.substring(3, name.indexOf('.')));
    int d = encoder ? dEnc : dDec;
    String rest = name.substring(name.indexOf('.') + 1);
    if (rest.startsWith("ln")) {
      return new NDIndex(":{}", d);
    }
    if (rest.startsWith("router")) {
      return new NDIndex(":{}, :{}", experts(a, encoder, layer), d);
    }
    if (rest.startsWith("expert")) {
      int e = Integer.parseInt(rest.substring("expert".length(), rest.indexOf('.')));
      int width = widths(a, encoder, layer).get(e);
      return switch (rest.substring(rest.indexOf('.') + 1)) {
        case "fc1.w" -> new NDIndex(":{}, :{}", width, d);
        case "fc1.b" -> new NDIndex(":{}", width);
        case "fc2.w" -> new NDIndex(":{}, :{}", d, width);
        default -> new NDIndex(":{}", d);
      };
    }
    boolean cross = rest.startsWith("cross");
    String proj = rest.substring(rest.indexOf('.') + 1);
    int keyWidth = cross ? dEnc : d;
    return switch (proj) {
      case "q.w" -> new NDIndex(":, :{}", d);
      case "k.w", "v.w" -> new NDIndex(":, :{}", keyWidth);
      case "o.w" -> new NDIndex(":{}, :", d);
      case "o.b" -> new NDIndex(":{}", d);
      default -> new NDIndex(":");
    };
  }

  private static int experts(Architecture a, boolean encoder, int layer) {
    return widths(a, encoder, layer).size();
  }

  private static List<Integer> widths(Architecture a, boolean encoder, int layer) {
    return encoder
        ? a.encoderLayers().get(layer).expertWidths()
        : a.decoderLayers().get(layer).expertWidths();
  }
}
