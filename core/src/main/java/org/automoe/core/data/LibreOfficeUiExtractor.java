package org.automoe.core.data;

import java.util.ArrayList;
import java.util.List;

/**
 * Pairs of LibreOffice's translated user-interface strings ({@code libreoffice-l10n-de} {@code .mo}
 * files, whose msgid is English). Menu accelerators ({@code ~}) are removed; untranslated strings
 * and strings without letters are skipped. Groups are chunks of 50 consecutive entries of a file,
 * so related strings of one dialog stay on one side of the split.
 */
public final class LibreOfficeUiExtractor {
  static final int GROUP_SIZE = 50;

  private LibreOfficeUiExtractor() {}

  public static List<ParallelPair> extract(String fileName, List<MoFile.Entry> entries) {
    List<ParallelPair> out = new ArrayList<>();
    for (int i = 0; i < entries.size(); i++) {
      MoFile.Entry e = entries.get(i);
      String en = Texts.clean(e.msgid().replace("~", ""));
      String de = Texts.clean(e.msgstr().replace("~", ""));
      if (en.isEmpty()
          || de.isEmpty()
          || en.equals(de)
          || en.chars().noneMatch(Character::isLetter)) {
        continue;
      }
      out.add(new ParallelPair(en, de, "ui:" + fileName + ":" + i / GROUP_SIZE));
    }
    return out;
  }
}
