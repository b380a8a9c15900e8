package org.automoe.cluster.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        .write("manifest.json", Json.write(manifest(builder, result, versions)) + "\n");
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

  private static Map<String, Object> manifest(
      CorpusBuilder b, CorpusBuilder.Result r, Map<String, String> versions) {
    Map<String, Object> packages = new LinkedHashMap<>();
    DebianCorpus.LICENCES.keySet().stream()
        .sorted()
        .forEach(
            pkg -> {
              Map<String, Object> p = new LinkedHashMap<>();
              p.put("version", versions.getOrDefault(pkg, "unknown"));
              p.put("licence", DebianCorpus.LICENCES.get(pkg));
              packages.put(pkg, p);
            });
    Map<String, Object> sources = new LinkedHashMap<>();
    r.sources()
        .forEach(
            (name, n) -> {
              Map<String, Object> s = new LinkedHashMap<>();
              s.put("extracted", n.extracted());
              s.put("kept", n.kept());
              s.put("droppedLength", n.droppedLength());
              s.put("droppedUntranslated", n.droppedUntranslated());
              s.put("droppedDuplicate", n.droppedDuplicate());
              sources.put(name, s);
            });
    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("train", r.corpus().train().size());
    counts.put("valid", r.corpus().valid().size());
    counts.put("test", r.corpus().test().size());
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("languages", "en-de");
    m.put("format", "gzip TSV: English<TAB>German, one pair per line");
    m.put("packages", packages);
    m.put("sources", sources);
    m.put("counts", counts);
    m.put("seed", b.seed());
    m.put(
        "split",
        "by group (help: source file; ding: dictionary line; ui: 50 consecutive entries of a .mo file): "
            + "valid if FNV-1a(group) mixed with the seed falls in the first "
            + b.validPermille()
            + " of 1000 buckets, test in the next "
            + b.testPermille()
            + "; valid/test pairs whose English side occurs in an earlier split are dropped");
    m.put(
        "filters",
        "sides of "
            + b.minWords()
            + " to "
            + b.maxWords()
            + " words (help: at least 3), translated (sides differ), exact duplicate pairs removed");
    m.put("buildCommand", "automoe data build-corpus --from DIR --out DIR --seed " + b.seed());
    m.put("version", Version.current());
    return m;
  }
}
