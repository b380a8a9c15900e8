package org.automoe.cluster.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.automoe.cluster.cli.Json;
import org.automoe.cluster.cli.Version;
import org.automoe.core.InvalidInputException;
import org.automoe.core.RunDirectory;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusBuilder;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.data.DebianCorpus;
import org.automoe.core.data.ParallelPair;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code automoe data build-corpus --from DIR --out DIR}: the English-German corpus from Debian
 * packages unpacked into DIR, split by source file, with a manifest of packages, versions,
 * licences, counts and the split rule.
 */
@Command(
    name = "build-corpus",
    mixinStandardHelpOptions = true,
    description = {
      "Build the en-de corpus from Debian packages unpacked into --from:",
      "  apt-get download libreoffice-help-en-us libreoffice-help-de trans-de-en libreoffice-l10n-de",
      "  for f in *.deb; do dpkg-deb -x \"$f\" DIR; done"
    })
final class BuildCorpusCommand implements Runnable {
  @Option(names = "--from", required = true, description = "folder the packages were unpacked into")
  Path from;

  @Option(names = "--out", required = true, description = "corpus folder to write")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "1",
      description = "split seed (default: ${DEFAULT-VALUE})")
  long seed;

  @Override
  public void run() {
    if (!Files.isDirectory(from)) {
      throw new InvalidInputException(from + ": no such folder");
    }
    Map<String, List<ParallelPair>> sources = DebianCorpus.extract(from);
    CorpusBuilder builder = CorpusBuilder.defaults(seed);
    CorpusBuilder.Result result = builder.build(sources);
    Corpus c = result.corpus();
    CorpusFiles.write(out, c);
    Map<String, String> versions = DebianCorpus.packageVersions(from);
    new RunDirectory(out)
        .write("manifest.json", Json.write(Manifest.of(builder, result, versions)) + "\n");
    result
        .sources()
        .forEach(
            (name, n) ->
                System.out.printf(
                    "%-5s %6d extracted, %6d kept (%d too short or long, %d untranslated, %d duplicates)%n",
                    name,
                    n.extracted(),
                    n.kept(),
                    n.droppedLength(),
                    n.droppedUntranslated(),
                    n.droppedDuplicate()));
    System.out.printf(
        "split: %d train, %d valid, %d test (%d valid/test pairs dropped: English seen in an earlier split)%n",
        c.train().size(), c.valid().size(), c.test().size(), result.droppedOverlap());
    System.out.println("wrote train.tsv.gz, valid.tsv.gz, test.tsv.gz, manifest.json to " + out);
  }

  /**
   * {@code manifest.json}: where the corpus came from (packages, versions, licences), what each
   * source kept, the split sizes, and the rules that made them.
   */
  record Manifest(
      String languages,
      String format,
      Map<String, DebianPackage> packages,
      Map<String, CorpusBuilder.SourceCount> sources,
      SplitSizes counts,
      long seed,
      String split,
      String filters,
      String buildCommand,
      String version) {
    static Manifest of(CorpusBuilder b, CorpusBuilder.Result r, Map<String, String> versions) {
      Map<String, DebianPackage> packages = new TreeMap<>();
      DebianCorpus.LICENCES.forEach(
          (pkg, licence) ->
              packages.put(pkg, new DebianPackage(versions.getOrDefault(pkg, "unknown"), licence)));
      Corpus c = r.corpus();
      return new Manifest(
          "en-de",
          "gzip TSV: English<TAB>German, one pair per line",
          packages,
          r.sources(),
          new SplitSizes(c.train().size(), c.valid().size(), c.test().size()),
          b.seed(),
          "by group (help: source file; ding: dictionary line; ui: 50 consecutive entries of a .mo file): "
              + "valid if FNV-1a(group) mixed with the seed falls in the first "
              + b.validPermille()
              + " of 1000 buckets, test in the next "
              + b.testPermille()
              + "; valid/test pairs whose English side occurs in an earlier split are dropped",
          "sides of "
              + b.minWords()
              + " to "
              + b.maxWords()
              + " words (help: at least 3), translated (sides differ), exact duplicate pairs removed",
          "automoe data build-corpus --from DIR --out DIR --seed " + b.seed(),
          Version.current());
    }
  }

  /** A Debian package the corpus was built from: its unpacked version and its licence. */
  record DebianPackage(String version, String licence) {}

  /** Pairs in each split. */
  record SplitSizes(int train, int valid, int test) {}
}
