package org.automoe.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.automoe.core.InvalidInputException;

/**
 * The English-German parallel text that ships in Debian packages, read from a folder where the
 * packages were unpacked ({@code apt-get download PKG && dpkg-deb -x PKG.deb DIR}):
 *
 * <ul>
 *   <li>{@code libreoffice-help-en-us} + {@code libreoffice-help-de} (MPL-2.0): help paragraphs;
 *   <li>{@code trans-de-en} (GPL-2+): Ding dictionary example sentences;
 *   <li>{@code libreoffice-l10n-de} (MPL-2.0): user-interface strings.
 * </ul>
 */
public final class DebianCorpus {
  public static final String HELP_EN = "usr/share/libreoffice/help/en-US";
  public static final String HELP_DE = "usr/share/libreoffice/help/de";
  public static final String DING = "usr/share/trans/de-en";
  public static final String UI_MO = "usr/lib/libreoffice/program/resource/de/LC_MESSAGES";

  /** Package name to licence, for the manifest. */
  public static final Map<String, String> LICENCES =
      Map.of(
          "libreoffice-help-en-us", "MPL-2.0",
          "libreoffice-help-de", "MPL-2.0",
          "trans-de-en", "GPL-2+",
          "libreoffice-l10n-de", "MPL-2.0");

  private static final Pattern CHANGELOG_VERSION = Pattern.compile("^\\S+ \\(([^)]+)\\)");

  private DebianCorpus() {}

  /** Pairs by source name ({@code help}, {@code ding}, {@code ui}); missing sources are absent. */
  public static Map<String, List<ParallelPair>> extract(Path root) {
    Map<String, List<ParallelPair>> out = new LinkedHashMap<>();
    if (Files.isDirectory(root.resolve(HELP_EN)) && Files.isDirectory(root.resolve(HELP_DE))) {
      out.put(
          "help", LibreOfficeHelpExtractor.extract(root.resolve(HELP_EN), root.resolve(HELP_DE)));
    }
    if (Files.isRegularFile(root.resolve(DING))) {
      out.put("ding", DingExtractor.extract(TextLines.read(root.resolve(DING)).lines()));
    }
    if (Files.isDirectory(root.resolve(UI_MO))) {
      List<ParallelPair> ui = new ArrayList<>();
      for (Path mo : moFiles(root.resolve(UI_MO))) {
        try {
          ui.addAll(
              LibreOfficeUiExtractor.extract(
                  mo.getFileName().toString(),
                  MoFile.parse(Files.readAllBytes(mo), mo.toString())));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      out.put("ui", ui);
    }
    if (out.isEmpty()) {
      throw new InvalidInputException(
          root
              + ": holds none of "
              + List.of(HELP_EN + " + " + HELP_DE, DING, UI_MO)
              + "; unpack the packages there with dpkg-deb -x");
    }
    return out;
  }

  /** Versions of the unpacked packages, from their Debian changelogs; unknown ones are absent. */
  public static Map<String, String> packageVersions(Path root) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pkg :
        List.of(
            "libreoffice-help-en-us",
            "libreoffice-help-de",
            "trans-de-en",
            "libreoffice-l10n-de")) {
      Path changelog = root.resolve("usr/share/doc/" + pkg + "/changelog.Debian.gz");
      if (!Files.isRegularFile(changelog)) {
        continue;
      }
      try (BufferedReader r =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(changelog)), StandardCharsets.UTF_8))) {
        String first = r.readLine();
        Matcher m = first == null ? null : CHANGELOG_VERSION.matcher(first);
        if (m != null && m.find()) {
          out.put(pkg, m.group(1));
        }
      } catch (IOException e) {
        throw new InvalidInputException(
            changelog + ": unreadable changelog (" + e.getMessage() + ")");
      }
    }
    return out;
  }

  private static List<Path> moFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".mo")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
