package org.automoe.core.data;

import java.util.List;

/**
 * A parallel corpus split for training, validation (checkpoint selection, search fitness) and test
 * (BLEU).
 */
public record Corpus(List<ParallelPair> train, List<ParallelPair> valid, List<ParallelPair> test) {
  public Corpus {
    train = List.copyOf(train);
    valid = List.copyOf(valid);
    test = List.copyOf(test);
  }

  public int size() {
    return train.size() + valid.size() + test.size();
  }
}
