package org.automoe.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Example sentences of the Ding German-English dictionary ({@code trans-de-en}): lines {@code DE ::
 * EN} whose sub-entries, separated by {@code " | "}, correspond one to one. Only sentence-like
 * sub-entries are kept: at least three words, ending in . ! or ? on both sides, no synonym lists,
 * with {@code {…} […] (…)} annotations removed. Each dictionary line is one group.
 */
public final class DingExtractor {
  private static final Pattern ANNOTATION =
      Pattern.compile("\\{[^{}]*\\}|\\[[^\\[\\]]*\\]|\\([^()]*\\)");
  private static final Pattern SENTENCE_END = Pattern.compile(".*[.!?]$");

  private DingExtractor() {}

  public static List<ParallelPair> extract(List<String> lines) {
    List<ParallelPair> out = new ArrayList<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n);
      if (line == null || line.startsWith("#")) {
        continue;
      }
      String[] sides = line.split(" :: ", -1);
      if (sides.length != 2) {
        continue;
      }
      String[] de = sides[0].split(" \\| ", -1);
      String[] en = sides[1].split(" \\| ", -1);
      if (de.length != en.length) {
        continue;
      }
      for (int i = 0; i < de.length; i++) {
        String d = sentence(de[i]);
        String e = sentence(en[i]);
        if (d != null && e != null) {
          out.add(new ParallelPair(e, d, "ding:" + (n + 1)));
        }
      }
    }
    return out;
  }

  /** The cleaned sub-entry if it reads as a sentence, else null. */
  static String sentence(String entry) {
    String s = entry;
    String before;
    do {
      before = s;
      s = ANNOTATION.matcher(s).replaceAll(" ");
    } while (!s.equals(before));
    s = Texts.clean(s).replace(" .", ".").replace(" !", "!").replace(" ?", "?").replace(" ,", ",");
    if (s.contains(";") || Texts.words(s) < 3 || !SENTENCE_END.matcher(s).matches()) {
      return null;
    }
    return s;
  }
}
