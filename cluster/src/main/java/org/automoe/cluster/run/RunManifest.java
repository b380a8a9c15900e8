package org.automoe.cluster.run;

import java.util.Map;

/**
 * {@code run.json}: what ran, with the seed that replays it.
 *
 * @param version AutoMoE's version
 * @param profile the profile's name
 * @param space the search space's name
 * @param seed the root seed of every draw
 * @param surveySamples architectures drawn by the survey
 * @param stages every stage by name, "done" once it finished (in order)
 */
public record RunManifest(
    String version,
    String profile,
    String space,
    long seed,
    int surveySamples,
    Map<String, String> stages) {}
