package org.automoe.core.supernet;

/** Parameter names of the supernet. */
final class Names {
  static final String EMBED = "embed";

  private Names() {}

  static String encoder(int layer) {
    return "enc" + layer;
  }

  static String decoder(int layer) {
    return "dec" + layer;
  }
}
