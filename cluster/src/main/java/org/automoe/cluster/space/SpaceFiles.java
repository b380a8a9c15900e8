package org.automoe.cluster.space;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import java.nio.file.Files;
import java.nio.file.Path;
import org.automoe.core.InvalidInputException;
import org.automoe.core.space.BuiltInSpaces;
import org.automoe.core.space.SearchSpace;
import org.automoe.core.space.SearchSpaceCodec;

/**
 * Resolves {@code --space}: a built-in name, or a YAML ({@code .yml}, {@code .yaml}) or HOCON
 * ({@code .conf}) file.
 */
public final class SpaceFiles {
  private SpaceFiles() {}

  public static SearchSpace resolve(String nameOrFile) {
    if (BuiltInSpaces.isBuiltIn(nameOrFile)) {
      return BuiltInSpaces.byName(nameOrFile);
    }
    Path file = Path.of(nameOrFile);
    if (!Files.isRegularFile(file)) {
      if (!nameOrFile.contains(".") && !nameOrFile.contains("/")) {
        return BuiltInSpaces.byName(nameOrFile); // reports the unknown name with the choices
      }
      throw new InvalidInputException(file + ": no such space file");
    }
    String name = file.getFileName().toString();
    if (name.endsWith(".conf") || name.endsWith(".hocon")) {
      return readHocon(file);
    }
    return SearchSpaceCodec.readYaml(file);
  }

  private static SearchSpace readHocon(Path file) {
    try {
      var config =
          ConfigFactory.parseFile(
              file.toFile(),
              ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF).setAllowMissing(false));
      return SearchSpaceCodec.fromTree(config.root().unwrapped());
    } catch (ConfigException e) {
      throw new InvalidInputException(
          file + ": not valid HOCON: " + e.getMessage().lines().findFirst().orElse(""));
    } catch (InvalidInputException e) {
      throw e.in(file.toString());
    }
  }
}
