package org.automoe.core.supernet;

/**
 * Dropout rates at the supernet's full width; a subnet of embedding width d uses {@code dropout * d
 * / dMax} (HAT), the attention and activation dropouts as they are.
 *
 * @param dropout residual and embedding dropout at full width (paper: 0.3)
 * @param attentionDropout on attention probabilities (paper: 0.1)
 * @param activationDropout after the FFN activation (fairseq default: 0)
 */
public record Regularization(float dropout, float attentionDropout, float activationDropout) {
  public static final Regularization PAPER = new Regularization(0.3f, 0.1f, 0f);
  public static final Regularization NONE = new Regularization(0f, 0f, 0f);

  float scaled(int d, int dMax) {
    return dropout * d / dMax;
  }
}
