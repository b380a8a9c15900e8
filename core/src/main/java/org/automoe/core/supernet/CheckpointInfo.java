package org.automoe.core.supernet;

import java.util.List;
import java.util.Map;
import org.automoe.core.supernet.train.TrainingSettings;

/**
 * What a checkpoint records besides arrays: enough to refuse a foreign or mismatched checkpoint and
 * to resume a run exactly (every random draw derives from {@code seed} and {@code step}).
 *
 * @param format checkpoint format version
 * @param step updates done
 * @param seed the run's root seed
 * @param spaceYaml the search space, as {@code space show} prints it
 * @param shape the supernet's dimensions
 * @param settings the training settings
 * @param bpeSha256 hash of the BPE file the vocabulary ids come from
 * @param names parameter names, in array order
 * @param adamSteps per-parameter Adam step counts
 * @param validLoss mean validation loss of the fixed subnet set at this step (NaN if not validated)
 */
public record CheckpointInfo(
    int format,
    long step,
    long seed,
    String spaceYaml,
    SupernetShape shape,
    TrainingSettings settings,
    String bpeSha256,
    List<String> names,
    Map<String, Long> adamSteps,
    double validLoss) {
  public static final int FORMAT = 1;
}
