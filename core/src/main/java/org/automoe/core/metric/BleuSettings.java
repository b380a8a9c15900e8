package org.automoe.core.metric;

import java.util.List;
import java.util.Locale;
import org.automoe.core.InvalidInputException;

/**
 * How BLEU is computed; the defaults are sacreBLEU's ({@code tok:13a|smooth:exp}, mixed case, no
 * effective order).
 *
 * @param tokenize {@code 13a} or {@code none}
 * @param lowercase lowercase hypotheses and references first
 * @param smoothing {@code exp}, {@code floor}, {@code add-k} or {@code none}
 * @param smoothValue the floor value (default 0.1) or k (default 1); NaN for the default
 * @param effectiveOrder average only over the n-gram orders present
 */
public record BleuSettings(
    String tokenize,
    boolean lowercase,
    String smoothing,
    double smoothValue,
    boolean effectiveOrder) {

  public static final BleuSettings SACREBLEU =
      new BleuSettings("13a", false, "exp", Double.NaN, false);

  public BleuSettings {
    tokenize = tokenize.toLowerCase(Locale.ROOT);
    smoothing = smoothing.toLowerCase(Locale.ROOT);
    if (!tokenize.equals("13a") && !tokenize.equals("none")) {
      throw new InvalidInputException("tokenize: '" + tokenize + "' is not one of [13a, none]");
    }
    if (!List.of("exp", "floor", "add-k", "none").contains(smoothing)) {
      throw new InvalidInputException(
          "smooth: '" + smoothing + "' is not one of [exp, floor, add-k, none]");
    }
    if (Double.isNaN(smoothValue)) {
      smoothValue = smoothing.equals("floor") ? 0.1 : smoothing.equals("add-k") ? 1 : 0;
    }
  }

  /**
   * sacreBLEU's signature string, e.g. {@code nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|
   * version:2.6.0}; the version names the sacreBLEU release whose definition is followed.
   */
  public String signature(int refs) {
    return "nrefs:"
        + refs
        + "|case:"
        + (lowercase ? "lc" : "mixed")
        + "|eff:"
        + (effectiveOrder ? "yes" : "no")
        + "|tok:"
        + tokenize
        + "|smooth:"
        + smoothing
        + "|version:2.6.0";
  }
}
