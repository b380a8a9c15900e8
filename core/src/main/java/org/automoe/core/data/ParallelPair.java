package org.automoe.core.data;

/**
 * One aligned sentence pair.
 *
 * @param source English side
 * @param target German side
 * @param group what the pair is split by (its source file, dictionary line or UI chunk), so near
 *     duplicates of one file never straddle train and test
 */
public record ParallelPair(String source, String target, String group) {}
