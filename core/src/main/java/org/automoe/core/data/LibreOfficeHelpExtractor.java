package org.automoe.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Pairs of the LibreOffice help in two languages: every paragraph and heading carries the same
 * {@code id} ({@code par_id...}, {@code hd_id...}) in both, so pairs are matched by (file, id). Ids
 * that occur twice in one file are ambiguous and skipped, as are pairs with a side under three
 * words; pairs keep their file as group.
 */
public final class LibreOfficeHelpExtractor {
  private static final Pattern ELEMENT =
      Pattern.compile(
          "<(\\w+)[^>]*\\bid=\"((?:par|hd)_id[^\"]*)\"[^>]*>(.*?)</\\1>", Pattern.DOTALL);

  /** Shorter paragraphs are mostly labels and menu names, which the UI strings already cover. */
  static final int MIN_WORDS = 3;

  private LibreOfficeHelpExtractor() {}

  /**
   * Pairs of {@code sourceRoot} and {@code targetRoot} (the {@code help/en-US}, {@code help/de}
   * folders).
   */
  public static List<ParallelPair> extract(Path sourceRoot, Path targetRoot) {
    List<ParallelPair> out = new ArrayList<>();
    for (Path source : htmlFiles(sourceRoot)) {
      String rel = sourceRoot.relativize(source).toString();
      Path target = targetRoot.resolve(rel);
      if (!Files.isRegularFile(target)) {
        continue;
      }
      Map<String, String> de = paragraphs(read(target));
      for (Map.Entry<String, String> en : paragraphs(read(source)).entrySet()) {
        String t = de.get(en.getKey());
        if (t != null && Texts.words(en.getValue()) >= MIN_WORDS && Texts.words(t) >= MIN_WORDS) {
          out.add(new ParallelPair(en.getValue(), t, "help:" + rel));
        }
      }
    }
    return out;
  }

  /** Cleaned text by id, in document order; ids seen twice are dropped. */
  static Map<String, String> paragraphs(String html) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> repeated = new HashSet<>();
    Matcher m = ELEMENT.matcher(html);
    while (m.find()) {
      String id = m.group(2);
      if (out.put(id, Texts.fromHtml(m.group(3))) != null) {
        repeated.add(id);
      }
    }
    repeated.forEach(out::remove);
    return out;
  }

  private static List<Path> htmlFiles(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(p -> p.toString().endsWith(".html")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
