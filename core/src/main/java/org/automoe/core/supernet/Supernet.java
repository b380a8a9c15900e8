package org.automoe.core.supernet;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.training.GradientCollector;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.automoe.core.arch.Architecture;
import org.automoe.core.arch.SpaceCheck;
import org.automoe.core.data.Batch;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * A trainable weight-sharing supernet: the weights of a search space's largest model, from which
 * any architecture of the space runs by slicing. Every step closes what it allocated ({@link
 * NDScope}), so memory stays flat over long runs.
 */
public final class Supernet implements AutoCloseable {
  private final SearchSpace space;
  private final SupernetWeights weights;
  private final Adam adam;

  public Supernet(SearchSpace space, SupernetWeights weights) {
    this.space = space;
    this.weights = weights;
    this.adam = new Adam(weights, 0.9f, 0.98f, 1e-8f);
  }

  public SearchSpace space() {
    return space;
  }

  public SupernetWeights weights() {
    return weights;
  }

  Adam adam() {
    return adam;
  }

  /**
   * What one update did; {@code skipReason} (null when the update was applied) says why the weights
   * were left as they were: a loss or a gradient that was not finite (fairseq raises on this;
   * skipping keeps a long run alive through a rare bad batch, and the trainer stops when it keeps
   * happening).
   */
  public record Step(
      float loss, float nll, float balanceLoss, long targetTokens, String skipReason) {
    public boolean skipped() {
      return skipReason != null;
    }
  }

  /** One optimizer update on one subnet; {@code seed} fixes its dropout masks. */
  public Step train(Architecture a, Batch batch, TrainingSettings s, float lr, long seed) {
    SpaceCheck.requireInside(space, a);
    Set<String> used = new HashSet<>();
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
      BatchArrays b = new BatchArrays(weights.manager(), batch);
      Step step;
      try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
        SubnetForward f = forward(weights.recording(used), a, s.regularization(), true);
        SubnetForward.Result r = f.run(b);
        Losses.Loss l =
            Losses.labelSmoothed(
                r.logits(), b.targetOut, b.targetTokens, s.labelSmoothing(), b.targetTokenCount);
        NDArray total = l.smoothed().add(r.balanceLoss().mul(s.balanceCoefficient()));
        gc.backward(total);
        step =
            new Step(
                l.smoothed().getFloat(),
                l.nll().getFloat(),
                r.balanceLoss().getFloat(),
                b.targetTokenCount,
                null);
      }
      String fault =
          !Float.isFinite(step.loss()) || !Float.isFinite(step.balanceLoss())
              ? "loss is not finite"
              : adam.gradientsFinite(weights, used) ? null : "a gradient is not finite";
      if (fault != null) {
        adam.discardGradients(weights, used);
        return new Step(step.loss(), step.nll(), step.balanceLoss(), step.targetTokens(), fault);
      }
      adam.update(weights, used, lr);
      return step;
    }
  }

  /** Cross-entropy (nats per target token) of a subnet with inherited weights, no dropout. */
  public double validationLoss(Architecture a, List<Batch> batches) {
    SpaceCheck.requireInside(space, a);
    double nll = 0;
    long tokens = 0;
    for (Batch batch : batches) {
      try (NDScope scope = new NDScope()) {
        scope.suppressNotUsedWarning();
        BatchArrays b = new BatchArrays(weights.manager(), batch);
        SubnetForward.Result r = forward(weights, a, Regularization.NONE, false).run(b);
        Losses.Loss l =
            Losses.labelSmoothed(r.logits(), b.targetOut, b.targetTokens, 0f, b.targetTokenCount);
        nll += l.nll().getFloat() * (double) b.targetTokenCount;
        tokens += b.targetTokenCount;
      }
    }
    return tokens == 0 ? Double.NaN : nll / tokens;
  }

  /** The routing of every MoE layer for one batch: the chosen expert of every token. */
  List<long[]> routing(Architecture a, Batch batch) {
    try (NDScope scope = new NDScope()) {
      scope.suppressNotUsedWarning();
      BatchArrays b = new BatchArrays(weights.manager(), batch);
      return forward(weights, a, Regularization.NONE, false).run(b).routing().stream()
          .map(NDArray::toLongArray)
          .toList();
    }
  }

  SubnetForward forward(ParamSource p, Architecture a, Regularization reg, boolean training) {
    return new SubnetForward(
        p, a, weights.shape().qkv(), weights.shape().embedDim(), reg, training);
  }

  @Override
  public void close() {
    weights.close();
  }
}
