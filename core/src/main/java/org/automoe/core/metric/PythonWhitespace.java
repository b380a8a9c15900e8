package org.automoe.core.metric;

import java.util.ArrayList;
import java.util.List;

/**
 * Python's {@code str.isspace()}, which sacreBLEU's {@code split()} and {@code rstrip()} use. It
 * differs from Java's notion: it includes no-break spaces and the information separators.
 */
final class PythonWhitespace {
  private PythonWhitespace() {}

  static boolean isSpace(char c) {
    return switch (c) {
      case '\t',
          '\n',
          '\u000b',
          '\f',
          '\r',
          '\u001c',
          '\u001d',
          '\u001e',
          '\u001f',
          ' ',
          '\u0085',
          '\u00a0',
          '\u1680',
          '\u2028',
          '\u2029',
          '\u202f',
          '\u205f',
          '\u3000' ->
          true;
      default -> c >= '\u2000' && c <= '\u200a';
    };
  }

  /** {@code s.rstrip()}. */
  static String rstrip(String s) {
    int end = s.length();
    while (end > 0 && isSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }

  /** {@code s.split()}: the non-empty runs between whitespace. */
  static String[] split(String s) {
    List<String> out = new ArrayList<>();
    int i = 0;
    int n = s.length();
    while (i < n) {
      while (i < n && isSpace(s.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < n && !isSpace(s.charAt(i))) {
        i++;
      }
      if (i > start) {
        out.add(s.substring(start, i));
      }
    }
    return out.toArray(String[]::new);
  }
}
