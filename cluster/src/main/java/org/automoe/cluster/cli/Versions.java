package org.automoe.cluster.cli;

import ai.djl.engine.Engine;

/** The software a measurement or a model was made with, for the record. */
public final class Versions {
  private Versions() {}

  public static String describe() {
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
