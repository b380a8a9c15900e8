package org.automoe.cluster.run;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.automoe.cluster.space.SpaceFiles;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.SearchSpace;

/**
 * What {@code automoe run --profile} means: the space and the sizes the pipeline runs with. A
 * profile is one HOCON file: {@code conf/profiles/NAME.conf} (packaged into the jar) or any {@code
 * .conf} file given by path, so a user adds a profile by adding a file.
 *
 * @param name the profile's name (the file name without {@code .conf})
 * @param space the search space
 * @param bpeVocab joint BPE vocabulary size
 * @param supernetSteps supernet updates
 * @param learningRate peak learning rate of supernet training
 * @param latencySamples architectures measured by the latency stage
 * @param searchBudget evaluations of the search stage
 * @param retrainSteps updates of each finalist's standalone training
 * @param testSentences test sentences translated by the run's evaluations; empty for all
 */
public record Profile(
    String name,
    SearchSpace space,
    int bpeVocab,
    int supernetSteps,
    float learningRate,
    int latencySamples,
    int searchBudget,
    int retrainSteps,
    OptionalInt testSentences) {
  private static final String FOLDER = "profiles";

  public Profile {
    positive(name, "bpe-vocab", bpeVocab);
    positive(name, "supernet-steps", supernetSteps);
    positive(name, "latency-samples", latencySamples);
    positive(name, "search-budget", searchBudget);
    positive(name, "retrain-steps", retrainSteps);
    if (!(learningRate > 0)) {
      throw new InvalidInputException(
          "profile " + name + ": learning-rate must be positive, but was " + learningRate);
    }
  }

  /** The test sentence limit as the evaluation takes it: null for all. */
  public Integer testSentenceLimit() {
    return testSentences.isPresent() ? testSentences.getAsInt() : null;
  }

  /** A packaged profile by name, or a {@code .conf} file by path. */
  public static Profile load(String nameOrFile) {
    Path file = Path.of(nameOrFile);
    if (nameOrFile.endsWith(".conf") && Files.isRegularFile(file)) {
      String fileName = file.getFileName().toString();
      return parse(
          fileName.substring(0, fileName.length() - ".conf".length()),
          nameOrFile,
          () -> ConfigFactory.parseFile(file.toFile()));
    }
    String resource = FOLDER + "/" + nameOrFile + ".conf";
    if (nameOrFile.contains("/") || Profile.class.getClassLoader().getResource(resource) == null) {
      throw new InvalidInputException(
          "automoe.run.profile: '"
              + nameOrFile
              + "' is not one of "
              + packaged()
              + " and not a .conf file");
    }
    return parse(nameOrFile, resource, () -> ConfigFactory.parseResources(resource));
  }

  /** The names of the profiles packaged with the jar (conf/profiles/*.conf), sorted. */
  public static List<String> packaged() {
    URL folder = Profile.class.getClassLoader().getResource(FOLDER);
    if (folder == null) {
      return List.of();
    }
    try {
      URI uri = folder.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
          return names(jar.getPath(FOLDER));
        }
      }
      return names(Path.of(uri));
    } catch (IOException | URISyntaxException e) {
      return List.of();
    }
  }

  private static List<String> names(Path folder) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".conf"))
          .map(n -> n.substring(0, n.length() - ".conf".length()))
          .sorted()
          .toList();
    }
  }

  private interface Source {
    Config read();
  }

  private static Profile parse(String name, String where, Source source) {
    try {
      Config c = source.read().resolve();
      int tests = c.getInt("test-sentences");
      if (tests < 0) {
        throw new InvalidInputException(
            where + ": test-sentences must not be negative, but was " + tests);
      }
      return new Profile(
          name,
          SpaceFiles.resolve(c.getString("space")),
          c.getInt("bpe-vocab"),
          c.getInt("supernet-steps"),
          (float) c.getDouble("learning-rate"),
          c.getInt("latency-samples"),
          c.getInt("search-budget"),
          c.getInt("retrain-steps"),
          tests == 0 ? OptionalInt.empty() : OptionalInt.of(tests));
    } catch (ConfigException e) {
      String why = e.getMessage().lines().findFirst().orElse("");
      String origin = e.origin() == null ? "" : e.origin().description() + ": ";
      throw new InvalidInputException(
          where + ": " + (why.startsWith(origin) ? why.substring(origin.length()) : why));
    }
  }

  private static void positive(String profile, String key, int value) {
    if (value < 1) {
      throw new InvalidInputException(
          "profile " + profile + ": " + key + " must be at least 1, but was " + value);
    }
  }
}
