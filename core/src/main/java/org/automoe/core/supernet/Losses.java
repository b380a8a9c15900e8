package org.automoe.core.supernet;

import ai.djl.ndarray.NDArray;

/** Label-smoothed cross-entropy over real target tokens (fairseq's criterion). */
final class Losses {
  /**
   * @param smoothed the training loss, mean over real tokens
   * @param nll the plain cross-entropy (nats per token), what validation reports
   */
  record Loss(NDArray smoothed, NDArray nll) {}

  private Losses() {}

  /**
   * @param logits [batch, time, vocab]
   * @param target [batch, time] token ids
   * @param tokens [batch * time] 1 on real tokens
   */
  static Loss labelSmoothed(
      NDArray logits, NDArray target, NDArray tokens, float epsilon, long count) {
    long vocab = logits.getShape().get(2);
    NDArray logp = logits.reshape(-1, vocab).logSoftmax(-1);
    NDArray nll = logp.gather(target.reshape(-1, 1), 1).squeeze(1).neg().mul(tokens);
    NDArray uniform = logp.mean(new int[] {1}).neg().mul(tokens);
    NDArray nllMean = nll.sum().div(count);
    NDArray smoothed = nll.mul(1 - epsilon).add(uniform.mul(epsilon)).sum().div(count);
    return new Loss(smoothed, nllMean);
  }
}
