package org.automoe.cluster.run;

/**
 * {@code results.json}: the searched architecture and the dense baseline, each trained on its own
 * for the same updates, and the search that found the first. Keys are the record components.
 */
public record RunResults(ModelResult best, ModelResult baseline, SearchSummary search) {
  /**
   * One trained model.
   *
   * @param arch canonical architecture key
   * @param valLoss validation loss (nats per target token)
   * @param bleu sacreBLEU of the test sentences translated (greedy)
   * @param measuredLatencyMs measured latency at the machine's typical speed
   * @param rawMeasuredLatencyMs measured latency as timed
   * @param predictedLatencyMs the run's predictor's latency
   * @param flops FLOPs (HAT's convention)
   * @param paramsActive parameters active per token
   * @param trainSteps updates of its standalone training
   * @param trainSeconds wall time of that training
   * @param testSentences test sentences translated
   */
  public record ModelResult(
      String arch,
      double valLoss,
      double bleu,
      double measuredLatencyMs,
      double rawMeasuredLatencyMs,
      double predictedLatencyMs,
      long flops,
      long paramsActive,
      long trainSteps,
      double trainSeconds,
      int testSentences) {}

  /**
   * The search stage in brief.
   *
   * @param mode async or generational
   * @param evaluated candidates evaluated
   * @param rejected draws rejected by a constraint or as duplicates
   * @param requeued leases handed out again
   * @param wallSeconds the search's wall time
   * @param maxLatencyMs the latency limit it searched under
   */
  public record SearchSummary(
      String mode,
      long evaluated,
      long rejected,
      long requeued,
      double wallSeconds,
      double maxLatencyMs) {}
}
