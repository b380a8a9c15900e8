package org.automoe.core.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.TextFiles;

/**
 * Saves and loads a {@link Bpe}: a header line, the alphabet as hex code points, then the merges as
 * pairs of symbol ids, one per line. Ids make the file free of escaping problems.
 */
public final class BpeFiles {
  static final String HEADER = "#automoe-bpe 1";

  private BpeFiles() {}

  public static void write(Path file, Bpe bpe) {
    StringBuilder out = new StringBuilder(HEADER).append('\n');
    out.append("alphabet ").append(bpe.alphabet().size()).append('\n');
    bpe.alphabet().forEach(cp -> out.append(Integer.toHexString(cp)).append('\n'));
    out.append("merges ").append(bpe.merges().size()).append('\n');
    bpe.merges().forEach(m -> out.append(m[0]).append(' ').append(m[1]).append('\n'));
    try {
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(tmp, out, StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static Bpe read(Path file) {
    List<String> lines = TextFiles.read(file, "a BPE file").lines().toList();
    if (lines.isEmpty() || !lines.get(0).equals(HEADER)) {
      throw new InvalidInputException(
          file + ": not an automoe BPE file (first line must be '" + HEADER + "')");
    }
    int at = 1;
    int alphabetSize = count(file, lines, at++, "alphabet");
    List<Integer> alphabet = new ArrayList<>();
    for (int i = 0; i < alphabetSize; i++, at++) {
      alphabet.add(number(file, lines, at, 16));
    }
    int mergeCount = count(file, lines, at++, "merges");
    List<int[]> merges = new ArrayList<>();
    for (int i = 0; i < mergeCount; i++, at++) {
      String[] parts = line(file, lines, at).split(" ");
      if (parts.length != 2) {
        throw new InvalidInputException(file + ": line " + (at + 1) + ": expected two symbol ids");
      }
      merges.add(new int[] {parse(file, at, parts[0], 10), parse(file, at, parts[1], 10)});
    }
    try {
      return new Bpe(alphabet, merges);
    } catch (IllegalArgumentException e) {
      throw new InvalidInputException(file + ": " + e.getMessage());
    }
  }

  /**
   * SHA-256 of the file, recorded by checkpoints so a model is never paired with another
   * vocabulary.
   */
  public static String sha256(Path file) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int count(Path file, List<String> lines, int at, String key) {
    String l = line(file, lines, at);
    if (!l.startsWith(key + " ")) {
      throw new InvalidInputException(file + ": line " + (at + 1) + ": expected '" + key + " N'");
    }
    return parse(file, at, l.substring(key.length() + 1), 10);
  }

  private static int number(Path file, List<String> lines, int at, int radix) {
    return parse(file, at, line(file, lines, at), radix);
  }

  private static String line(Path file, List<String> lines, int at) {
    if (at >= lines.size()) {
      throw new InvalidInputException(file + ": truncated at line " + (at + 1));
    }
    return lines.get(at);
  }

  private static int parse(Path file, int at, String s, int radix) {
    try {
      return Integer.parseInt(s.trim(), radix);
    } catch (NumberFormatException e) {
      throw new InvalidInputException(
          file + ": line " + (at + 1) + ": '" + s + "' is not a number");
    }
  }
}
