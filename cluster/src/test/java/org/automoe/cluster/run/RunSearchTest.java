package org.automoe.cluster.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Map;
import org.automoe.core.InvalidInputException;
import org.automoe.core.latency.LatencyCsv;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSearchTest {
  @Test
  void aLatencyFileWithoutRowsIsAnErrorNamingIt(@TempDir Path dir) {
    Path csv = dir.resolve("latency.csv");
    new LatencyCsv.Appender(csv, Map.of()).close();
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> RunSearch.medianLatencyMs(csv));
    assertEquals(
        csv
            + ": holds no measured rows, so there is no median latency to limit the search by;"
            + " rerun the latency stage or set automoe.run.search-max-latency-ms",
        e.getMessage());
  }
}
