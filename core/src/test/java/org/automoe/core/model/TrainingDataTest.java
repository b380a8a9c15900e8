package org.automoe.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.automoe.core.InvalidInputException;
import org.automoe.core.LoggedLines;
import org.automoe.core.data.BpeFiles;
import org.automoe.core.data.BpeLearner;
import org.automoe.core.data.Corpus;
import org.automoe.core.data.CorpusFiles;
import org.automoe.core.data.ParallelPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingDataTest {
  @Test
  void preparesAFolderThatOpensWithTheSameVocabulary(@TempDir Path dir) {
    Path corpus = dir.resolve("corpus-in");
    CorpusFiles.write(corpus, corpus(40));
    Path folder = dir.resolve("model");
    TrainingData prepared;
    try (LoggedLines log = new LoggedLines(TrainingData.class)) {
      prepared = TrainingData.prepare(folder, corpus, null, 300);
      assertEquals(
          List.of("BPE: learned 300 tokens on the training split -> " + folder.resolve("bpe.txt")),
          log.messages());
    }
    assertTrue(Files.isRegularFile(folder.resolve("corpus/train.tsv.gz")));

    TrainingData opened = TrainingData.open(folder);
    assertEquals(prepared.bpeSha256(), opened.bpeSha256());
    assertEquals(prepared.corpus().train(), opened.corpus().train());
    assertEquals(
        opened.corpus().valid().size(),
        TrainingData.encode(opened.bpe(), opened.corpus().valid()).size());
  }

  @Test
  void refusesAnotherBpeFileForAPreparedFolder(@TempDir Path dir) {
    Path corpus = dir.resolve("corpus-in");
    CorpusFiles.write(corpus, corpus(40));
    Path folder = dir.resolve("model");
    TrainingData.prepare(folder, corpus, null, 300);
    Path other = dir.resolve("other.txt");
    BpeFiles.write(
        other, new BpeLearner(280, BpeLearner.DEFAULT_MIN_CHAR_COUNT).learnJoint(corpus(40)));
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class, () -> TrainingData.prepare(folder, corpus, other, 300));
    assertEquals(
        folder + ": already trained with another BPE file; use another --out", e.getMessage());
  }

  @Test
  void namesWhatAFolderLacks(@TempDir Path dir) {
    assertEquals(
        dir + ": not a supernet folder (bpe.txt is missing)",
        assertThrows(InvalidInputException.class, () -> TrainingData.open(dir)).getMessage());
    assertEquals(
        dir + ": no checkpoint 'last' (train it first, or pass --checkpoint)",
        assertThrows(InvalidInputException.class, () -> ModelFolder.checkpoint(dir, null))
            .getMessage());
  }

  private static Corpus corpus(int pairs) {
    List<ParallelPair> train = new ArrayList<>();
    for (int i = 0; i < pairs; i++) {
      train.add(new ParallelPair("the house number " + i, "das Haus Nummer " + i, "g" + i));
    }
    return new Corpus(
        train,
        List.of(new ParallelPair("a red house", "ein rotes Haus", "v")),
        List.of(new ParallelPair("the house", "das Haus", "t")));
  }
}
