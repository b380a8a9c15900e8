package org.automoe.cluster.run;

/**
 * One stage of {@code automoe run}: reads what earlier stages left in the run directory, writes its
 * own outputs there (so a rerun can reuse or resume them), and returns a typed result.
 *
 * @param <R> the stage's result
 */
@FunctionalInterface
public interface Stage<R extends StageResult> {
  R run(RunContext run);
}
