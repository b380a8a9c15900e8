package org.automoe.cluster.run;

/** What a pipeline stage returns: a typed record the next stages and the tests read. */
public interface StageResult {
  /** One line for the console and the run log: what the stage did and where it wrote. */
  String summary();
}
