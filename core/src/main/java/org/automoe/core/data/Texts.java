package org.automoe.core.data;

import java.text.Normalizer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text clean-up shared by the extractors. */
final class Texts {
  private static final Pattern LINE_BREAK =
      Pattern.compile("<br\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final Pattern ENTITY = Pattern.compile("&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);");
  private static final Pattern SPACES =
      Pattern.compile("[\\s\\u00a0\\u2000-\\u200b\\u202f\\u3000]+");

  private Texts() {}

  /**
   * Inline tags removed (they sit inside words and before punctuation), line breaks turned into
   * spaces, entities resolved, whitespace collapsed, NFC.
   */
  static String fromHtml(String html) {
    String text = TAG.matcher(LINE_BREAK.matcher(html).replaceAll(" ")).replaceAll("");
    return clean(unescape(text));
  }

  /** Single spaces, trimmed, Unicode NFC. */
  static String clean(String s) {
    return Normalizer.normalize(SPACES.matcher(s).replaceAll(" ").strip(), Normalizer.Form.NFC);
  }

  static String unescape(String s) {
    if (s.indexOf('&') < 0) {
      return s;
    }
    Matcher m = ENTITY.matcher(s);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(entity(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String entity(String name, String whole) {
    if (name.startsWith("#x") || name.startsWith("#X")) {
      return Character.toString(Integer.parseInt(name.substring(2), 16));
    }
    if (name.startsWith("#")) {
      return Character.toString(Integer.parseInt(name.substring(1)));
    }
    return switch (name) {
      case "amp" -> "&";
      case "lt" -> "<";
      case "gt" -> ">";
      case "quot" -> "\"";
      case "apos" -> "'";
      case "nbsp" -> " ";
      default -> whole;
    };
  }

  static int words(String s) {
    return s.isEmpty() ? 0 : s.split(" ").length;
  }
}
