package org.automoe.core.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusBuilderTest {
  private static Map<String, List<ParallelPair>> sources() {
    List<ParallelPair> help = new ArrayList<>();
    for (int f = 0; f < 400; f++) {
      for (int i = 0; i < 5; i++) {
        help.add(
            new ParallelPair(
                "sentence " + i + " of file " + f + " here",
                "Satz " + i + " von Datei " + f,
                "help:f" + f));
      }
      help.add(new ParallelPair("Click OK to close it.", "Klicken Sie auf OK.", "help:f" + f));
    }
    help.add(new ParallelPair("untranslated text stays", "untranslated text stays", "help:x"));
    help.add(new ParallelPair("", "leer", "help:x"));
    Map<String, List<ParallelPair>> s = new LinkedHashMap<>();
    s.put("help", help);
    return s;
  }

  @Test
  void splitsByGroupSoNoFileStraddlesSplits() {
    CorpusBuilder.Result r = CorpusBuilder.defaults(1).build(sources());
    Map<String, Set<String>> splitsOfGroup = new HashMap<>();
    record Tagged(String split, List<ParallelPair> pairs) {}
    for (Tagged t :
        List.of(
            new Tagged("train", r.corpus().train()),
            new Tagged("valid", r.corpus().valid()),
            new Tagged("test", r.corpus().test()))) {
      t.pairs()
          .forEach(
              p -> splitsOfGroup.computeIfAbsent(p.group(), g -> new HashSet<>()).add(t.split()));
    }
    splitsOfGroup.values().forEach(s -> assertEquals(1, s.size()));
    assertTrue(
        r.corpus().valid().size() > 10 && r.corpus().test().size() > 10,
        "about 2.5 % of 400 files each");
  }

  @Test
  void countsWhatItDropsAndKeepsSplitsFreeOfSharedEnglish() {
    CorpusBuilder.Result r = CorpusBuilder.defaults(1).build(sources());
    CorpusBuilder.SourceCount help = r.sources().get("help");
    assertEquals(2402, help.extracted());
    assertEquals(1, help.droppedUntranslated());
    assertEquals(1, help.droppedLength());
    assertEquals(399, help.droppedDuplicate(), "the repeated OK sentence is kept once");
    assertEquals(2001, help.kept());
    Set<String> train = new HashSet<>();
    r.corpus().train().forEach(p -> train.add(p.source()));
    r.corpus().valid().forEach(p -> assertTrue(!train.contains(p.source())));
    r.corpus().test().forEach(p -> assertTrue(!train.contains(p.source())));
    assertEquals(help.kept(), r.corpus().size() + r.droppedOverlap());
  }

  @Test
  void theSplitDependsOnTheSeedNotOnInputOrder() {
    Corpus a = CorpusBuilder.defaults(5).build(sources()).corpus();
    List<ParallelPair> reversed = new ArrayList<>(sources().get("help"));
    Collections.reverse(reversed);
    Corpus b = CorpusBuilder.defaults(5).build(Map.of("help", reversed)).corpus();
    assertEquals(new HashSet<>(a.test()), new HashSet<>(b.test()));
    Corpus c = CorpusBuilder.defaults(6).build(sources()).corpus();
    assertTrue(!new HashSet<>(a.test()).equals(new HashSet<>(c.test())));
  }

  @Test
  void filesRoundTrip(@TempDir Path dir) {
    Corpus c = CorpusBuilder.defaults(1).build(sources()).corpus();
    CorpusFiles.write(dir, c);
    Corpus back = CorpusFiles.read(dir);
    assertEquals(
        c.train().stream().map(p -> p.source() + "\t" + p.target()).toList(),
        back.train().stream().map(p -> p.source() + "\t" + p.target()).toList());
    assertEquals(c.test().size(), back.test().size());
  }
}
