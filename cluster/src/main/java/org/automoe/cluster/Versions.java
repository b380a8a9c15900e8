package org.automoe.cluster;

import ai.djl.engine.Engine;

/** The software a measurement or a model was made with, for the record. */
final class Versions {
  private Versions() {}

  static String describe() {
    return "automoe "
        + Version.current()
        + ", DJL "
        + Engine.getDjlVersion()
        + ", PyTorch "
        + Engine.getEngine("PyTorch").getVersion()
        + ", Java "
        + System.getProperty("java.version");
  }
}
