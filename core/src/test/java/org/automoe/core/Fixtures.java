package org.automoe.core;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.DecoderLayer;
import org.automoe.core.arch.EncoderLayer;

/** Shared test inputs. */
public final class Fixtures {
  private Fixtures() {}

  /** A file under src/test/resources/hat. */
  public static Path hat(String file) {
    try {
      return Path.of(Fixtures.class.getResource("/hat/" + file).toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource hat/" + file, e);
    }
  }

  /** HAT's published Xeon latency dataset (MIT), under src/test/resources/hat-latency. */
  public static Path hatXeonLatency() {
    try {
      return Path.of(Fixtures.class.getResource("/hat-latency/wmt14ende_cpu_xeon_all.csv").toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("missing test resource hat-latency", e);
    }
  }

  /** HAT's WMT'14 En-De model that REFERENCE.md gives as the cost check value. */
  public static final String HAT_CHECK = "HAT_wmt14ende_xeon@137.9ms_bleu@25.8.yml";

  /**
   * A dense paper-space architecture: d=512, 6 encoder layers and {@code decLayers} decoder layers.
   */
  public static Architecture dense(int ffn, int decLayers, int encDecCode) {
    List<EncoderLayer> enc = Collections.nCopies(6, new EncoderLayer(8, List.of(ffn)));
    List<DecoderLayer> dec =
        Collections.nCopies(decLayers, new DecoderLayer(8, 8, encDecCode, List.of(ffn)));
    return new Architecture(512, 512, enc, dec);
  }
}
