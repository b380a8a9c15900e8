package org.automoe.core.metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.automoe.core.InvalidInputException;

/**
 * Corpus BLEU exactly as sacreBLEU 2.x computes it: per segment n-gram statistics against the
 * closest reference length (ties to the shorter) and per-n-gram maximum reference counts, summed
 * over the corpus, then brevity penalty times the geometric mean of smoothed precisions.
 */
public final class Bleu {
  private static final int MAX_ORDER = 4;

  private Bleu() {}

  /**
   * BLEU of {@code hypotheses} against one or more reference streams, each as long as the
   * hypotheses.
   */
  public static BleuScore corpus(
      List<String> hypotheses, List<List<String>> references, BleuSettings s) {
    if (references.isEmpty()) {
      throw new InvalidInputException("BLEU needs at least one reference stream");
    }
    for (int r = 0; r < references.size(); r++) {
      if (references.get(r).size() != hypotheses.size()) {
        throw new InvalidInputException(
            "reference stream "
                + (r + 1)
                + " has "
                + references.get(r).size()
                + " lines, but there are "
                + hypotheses.size()
                + " hypotheses");
      }
    }
    long[] correct = new long[MAX_ORDER];
    long[] total = new long[MAX_ORDER];
    long sysLen = 0;
    long refLen = 0;
    for (int i = 0; i < hypotheses.size(); i++) {
      String[] hyp = words(hypotheses.get(i), s);
      Map<Ngram, Integer> maxRef = new HashMap<>();
      List<Integer> refLens = new ArrayList<>();
      for (List<String> stream : references) {
        String[] ref = words(stream.get(i), s);
        refLens.add(ref.length);
        ngrams(ref).forEach((g, c) -> maxRef.merge(g, c, Math::max));
      }
      sysLen += hyp.length;
      refLen += closest(hyp.length, refLens);
      for (Map.Entry<Ngram, Integer> e : ngrams(hyp).entrySet()) {
        int n = e.getKey().length() - 1;
        correct[n] += Math.min(e.getValue(), maxRef.getOrDefault(e.getKey(), 0));
        total[n] += e.getValue();
      }
    }
    return score(correct, total, sysLen, refLen, s, references.size());
  }

  /** The score from summed statistics (sacreBLEU's {@code compute_bleu}). */
  static BleuScore score(
      long[] correct, long[] total, long sysLen, long refLen, BleuSettings s, int refs) {
    double bp = sysLen < refLen ? (sysLen > 0 ? Math.exp(1 - (double) refLen / sysLen) : 0.0) : 1.0;
    double[] precisions = new double[MAX_ORDER];
    double[] c = new double[MAX_ORDER];
    double[] t = new double[MAX_ORDER];
    boolean anyMatch = false;
    for (int n = 0; n < MAX_ORDER; n++) {
      c[n] = correct[n];
      t[n] = total[n];
      anyMatch |= correct[n] > 0;
    }
    double score = 0.0;
    if (anyMatch) {
      double smoothMteval = 1.0;
      int effOrder = MAX_ORDER;
      for (int n = 0; n < MAX_ORDER; n++) {
        if (s.smoothing().equals("add-k") && n > 0) {
          c[n] += s.smoothValue();
          t[n] += s.smoothValue();
        }
        if (t[n] == 0) {
          break;
        }
        if (s.effectiveOrder()) {
          effOrder = n + 1;
        }
        if (c[n] == 0) {
          if (s.smoothing().equals("exp")) {
            smoothMteval *= 2;
            precisions[n] = 100.0 / (smoothMteval * t[n]);
          } else if (s.smoothing().equals("floor")) {
            precisions[n] = 100.0 * s.smoothValue() / t[n];
          }
        } else {
          precisions[n] = 100.0 * c[n] / t[n];
        }
      }
      double logSum = 0;
      for (int n = 0; n < effOrder; n++) {
        logSum += precisions[n] == 0 ? -9999999999.0 : Math.log(precisions[n]);
      }
      score = bp * Math.exp(logSum / effOrder);
    }
    List<Long> counts = new ArrayList<>();
    List<Long> totals = new ArrayList<>();
    List<Double> precisionList = new ArrayList<>();
    for (int n = 0; n < MAX_ORDER; n++) {
      counts.add(correct[n]);
      totals.add(total[n]);
      precisionList.add(precisions[n]);
    }
    return new BleuScore(
        score, counts, totals, precisionList, bp, sysLen, refLen, s.signature(refs));
  }

  /** Preprocessed tokens of one segment: optional lowercase, rstrip, tokenize, split. */
  static String[] words(String segment, BleuSettings s) {
    String line = s.lowercase() ? segment.toLowerCase(Locale.ROOT) : segment;
    line = PythonWhitespace.rstrip(line);
    if (s.tokenize().equals("13a")) {
      line = Tokenizer13a.tokenize(line);
    }
    return PythonWhitespace.split(line);
  }

  private static int closest(int hypLen, List<Integer> refLens) {
    int closestDiff = -1;
    int closestLen = -1;
    for (int len : refLens) {
      int diff = Math.abs(hypLen - len);
      if (closestDiff == -1 || diff < closestDiff) {
        closestDiff = diff;
        closestLen = len;
      } else if (diff == closestDiff && len < closestLen) {
        closestLen = len;
      }
    }
    return closestLen;
  }

  private static Map<Ngram, Integer> ngrams(String[] words) {
    Map<Ngram, Integer> out = new HashMap<>();
    List<String> list = List.of(words);
    for (int n = 1; n <= MAX_ORDER; n++) {
      for (int i = 0; i + n <= words.length; i++) {
        out.merge(new Ngram(list.subList(i, i + n)), 1, Integer::sum);
      }
    }
    return out;
  }

  private record Ngram(List<String> words) {
    int length() {
      return words.size();
    }
  }
}
