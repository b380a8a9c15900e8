package org.automoe.core.data;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.automoe.core.InvalidInputException;

/**
 * A corpus folder: {@code train.tsv.gz}, {@code valid.tsv.gz}, {@code test.tsv.gz}, one {@code
 * English<TAB>German} pair per line. Written through a temporary file and moved into place, so an
 * interrupted write leaves no half file.
 */
public final class CorpusFiles {
  public static final List<String> SPLITS = List.of("train", "valid", "test");

  /** Classpath folder of the en-de corpus bundled with core (see {@link #readBundled}). */
  public static final String BUNDLED = "/org/automoe/core/data/en-de";

  private CorpusFiles() {}

  public static void write(Path dir, Corpus c) {
    try {
      Files.createDirectories(dir);
      writeSplit(dir, "train", c.train());
      writeSplit(dir, "valid", c.valid());
      writeSplit(dir, "test", c.test());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads a corpus folder; the group of each pair is its split and line number. */
  public static Corpus read(Path dir) {
    List<List<ParallelPair>> splits = new ArrayList<>();
    for (String split : SPLITS) {
      Path file = dir.resolve(split + ".tsv.gz");
      if (!Files.isRegularFile(file)) {
        throw new InvalidInputException(
            dir + ": not a corpus folder (" + split + ".tsv.gz is missing)");
      }
      try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
        splits.add(parse(file.toString(), split, in));
      } catch (IOException e) {
        throw new InvalidInputException(
            file + ": not a readable gzip file (" + e.getMessage() + ")");
      }
    }
    return new Corpus(splits.get(0), splits.get(1), splits.get(2));
  }

  /** The bundled default corpus from the classpath. */
  public static Corpus readBundled(String resourceFolder) {
    List<List<ParallelPair>> splits = new ArrayList<>();
    for (String split : SPLITS) {
      String name = resourceFolder + "/" + split + ".tsv.gz";
      try (InputStream raw = CorpusFiles.class.getResourceAsStream(name)) {
        if (raw == null) {
          throw new IllegalStateException("bundled corpus missing: " + name);
        }
        splits.add(parse(name, split, new GZIPInputStream(raw)));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return new Corpus(splits.get(0), splits.get(1), splits.get(2));
  }

  private static List<ParallelPair> parse(String name, String split, InputStream in)
      throws IOException {
    List<ParallelPair> out = new ArrayList<>();
    BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    String line;
    int n = 0;
    while ((line = r.readLine()) != null) {
      n++;
      int tab = line.indexOf('\t');
      if (tab < 0 || line.indexOf('\t', tab + 1) >= 0) {
        throw new InvalidInputException(name + ": line " + n + " is not two tab-separated columns");
      }
      out.add(new ParallelPair(line.substring(0, tab), line.substring(tab + 1), split + ":" + n));
    }
    return out;
  }

  private static void writeSplit(Path dir, String split, List<ParallelPair> pairs)
      throws IOException {
    Path target = dir.resolve(split + ".tsv.gz");
    Path tmp = dir.resolve(split + ".tsv.gz.tmp");
    try (Writer w =
        new BufferedWriter(
            new OutputStreamWriter(
                new GZIPOutputStream(Files.newOutputStream(tmp)), StandardCharsets.UTF_8))) {
      for (ParallelPair p : pairs) {
        w.write(p.source());
        w.write('\t');
        w.write(p.target());
        w.write('\n');
      }
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
