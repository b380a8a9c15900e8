package org.automoe.core.latency;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of this machine for the record of a measurement. */
public final class Hardware {
  private Hardware() {}

  /** CPU model (from /proc/cpuinfo on Linux, else the architecture) and logical cores. */
  public static String describe() {
    String cpu = System.getProperty("os.arch");
    try {
      for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
        if (line.startsWith("model name")) {
          cpu = line.substring(line.indexOf(':') + 1).strip();
          break;
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: the architecture name has to do
    }
    return cpu + ", " + Runtime.getRuntime().availableProcessors() + " logical cores";
  }
}
