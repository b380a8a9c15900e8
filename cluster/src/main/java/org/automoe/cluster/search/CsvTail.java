package org.automoe.cluster.search;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a CSV file that a crash may have cut mid-row: the rows it holds in full, its torn last
 * row (if any) removed so the next row starts on a line of its own.
 */
final class CsvTail {
  private static final Logger LOG = LoggerFactory.getLogger(CsvTail.class);

  private CsvTail() {}

  /** Data rows of {@code csv} (lines after the header), once a torn last line is cut off. */
  static long completeRows(Path csv) throws IOException {
    long lines = 0;
    long endOfLastLine = 0;
    long at = 0;
    try (InputStream in = Files.newInputStream(csv)) {
      byte[] buf = new byte[1 << 16];
      for (int n; (n = in.read(buf)) > 0; ) {
        for (int k = 0; k < n; k++) {
          if (buf[k] == '\n') {
            lines++;
            endOfLastLine = at + k + 1;
          }
        }
        at += n;
      }
    }
    if (endOfLastLine < at) {
      LOG.warn(
          "{}: its last row was cut off by a crash ({} bytes); it is written again in full",
          csv,
          at - endOfLastLine);
      try (FileChannel ch = FileChannel.open(csv, StandardOpenOption.WRITE)) {
        ch.truncate(endOfLastLine);
      }
    }
    return Math.max(0, lines - 1);
  }
}
