package org.automoe.core.metric;

import java.util.List;

/**
 * A corpus BLEU score with its sufficient statistics.
 *
 * @param score BLEU in [0, 100]
 * @param counts matching n-grams for n = 1..4
 * @param totals hypothesis n-grams for n = 1..4
 * @param precisions n-gram precisions in percent, after smoothing
 * @param bp brevity penalty
 * @param sysLen hypothesis tokens
 * @param refLen effective reference tokens (closest reference length per segment)
 * @param signature sacreBLEU signature of the settings
 */
public record BleuScore(
    double score,
    List<Long> counts,
    List<Long> totals,
    List<Double> precisions,
    double bp,
    long sysLen,
    long refLen,
    String signature) {}
