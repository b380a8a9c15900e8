package org.automoe.core.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;

/**
 * A user's parallel text: a two-column TSV file, or two line-aligned text files. Bad lines (an
 * empty side, a wrong column count, invalid UTF-8) are counted and skipped, never fatal; input with
 * no usable line at all is rejected with its most common problem named.
 */
public final class UserCorpus {
  /** How many lines were read and why the skipped ones were skipped. */
  public record Report(int lines, int kept, int emptySide, int wrongColumns, int invalidUtf8) {
    public int skipped() {
      return lines - kept;
    }
  }

  /** The usable pairs (grouped by chunks of up to 50 lines, for splitting) and the report. */
  public record Read(List<ParallelPair> pairs, Report report) {}

  static final int GROUP_LINES = 50;

  /**
   * Lines per split group: 50 for large files, fewer for small ones so that there are at least
   * about 200 groups and the 2.5 % validation and test shares are not empty.
   */
  static int groupLines(int lines) {
    return Math.max(1, Math.min(GROUP_LINES, lines / 200));
  }

  private UserCorpus() {}

  public static Read tsv(Path file) {
    TextLines.Lines lines = TextLines.read(file);
    List<ParallelPair> pairs = new ArrayList<>();
    int group = groupLines(lines.lines().size());
    int empty = 0;
    int columns = 0;
    for (int i = 0; i < lines.lines().size(); i++) {
      String line = lines.lines().get(i);
      if (line == null) {
        continue;
      }
      String[] cols = line.split("\t", -1);
      if (cols.length != 2) {
        columns++;
        continue;
      }
      if (!add(pairs, cols[0], cols[1], file.getFileName() + ":" + i / group)) {
        empty++;
      }
    }
    Report r =
        new Report(lines.lines().size(), pairs.size(), empty, columns, lines.invalidUtf8().size());
    return new Read(pairs, requireUsable(file.toString(), r));
  }

  public static Read aligned(Path sourceFile, Path targetFile) {
    TextLines.Lines src = TextLines.read(sourceFile);
    TextLines.Lines tgt = TextLines.read(targetFile);
    if (src.lines().size() != tgt.lines().size()) {
      throw new InvalidInputException(
          targetFile
              + ": has "
              + tgt.lines().size()
              + " lines, but "
              + sourceFile
              + " has "
              + src.lines().size()
              + "; aligned files need one line per sentence on both sides");
    }
    List<ParallelPair> pairs = new ArrayList<>();
    int group = groupLines(src.lines().size());
    int empty = 0;
    int invalid = 0;
    for (int i = 0; i < src.lines().size(); i++) {
      String s = src.lines().get(i);
      String t = tgt.lines().get(i);
      if (s == null || t == null) {
        invalid++;
      } else if (!add(pairs, s, t, sourceFile.getFileName() + ":" + i / group)) {
        empty++;
      }
    }
    Report r = new Report(src.lines().size(), pairs.size(), empty, 0, invalid);
    return new Read(pairs, requireUsable(sourceFile + " + " + targetFile, r));
  }

  private static boolean add(List<ParallelPair> pairs, String source, String target, String group) {
    String s = Texts.clean(source);
    String t = Texts.clean(target);
    if (s.isEmpty() || t.isEmpty()) {
      return false;
    }
    pairs.add(new ParallelPair(s, t, group));
    return true;
  }

  private static Report requireUsable(String name, Report r) {
    if (r.kept() > 0) {
      return r;
    }
    if (r.lines() == 0) {
      throw new InvalidInputException(name + ": not a corpus: it is empty");
    }
    String why =
        r.invalidUtf8() >= Math.max(r.wrongColumns(), r.emptySide())
            ? "no line is valid UTF-8 text"
            : r.wrongColumns() >= r.emptySide()
                ? "no line has exactly two tab-separated columns"
                : "every line has an empty side";
    throw new InvalidInputException(name + ": not a corpus: " + why + " (" + r.lines() + " lines)");
  }
}
