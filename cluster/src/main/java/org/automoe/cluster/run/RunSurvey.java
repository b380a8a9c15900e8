package org.automoe.cluster.run;

import java.util.List;
import org.automoe.cluster.space.SpaceSurvey;
import org.automoe.core.RunDirectory;
import org.automoe.core.arch.Extremes;
import org.automoe.core.arch.HatYamlCodec;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;

/**
 * The first stage of a run: the profile's space ({@code space.yml}), its corner architectures
 * ({@code largest.yml}, {@code largest-dense.yml}, {@code smallest.yml}) and a seeded survey of
 * architectures with their exact cost ({@code survey.csv}).
 */
final class RunSurvey implements Stage<RunSurvey.Surveyed> {
  /** The survey: how many architectures, and their cost in brief. */
  record Surveyed(int architectures, String description) implements StageResult {
    @Override
    public String summary() {
      return description + " -> survey.csv";
    }
  }

  @Override
  public Surveyed run(RunContext run) {
    SearchSpace space = run.profile().space();
    RunDirectory dir = run.dir();
    dir.write("space.yml", SearchSpaceCodec.toYaml(space));
    dir.write("largest.yml", HatYamlCodec.write(Extremes.largest(space, false)));
    dir.write("largest-dense.yml", HatYamlCodec.write(Extremes.largest(space, true)));
    dir.write("smallest.yml", HatYamlCodec.write(Extremes.smallest(space)));
    List<SpaceSurvey.Row> rows =
        SpaceSurvey.draw(space, run.seed(), run.settings().surveySamples());
    dir.write("survey.csv", SpaceSurvey.csv(rows));
    return new Surveyed(rows.size(), SpaceSurvey.summary(rows));
  }
}
