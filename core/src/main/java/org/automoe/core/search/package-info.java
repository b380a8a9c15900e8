/**
 * One search as a pure state machine, driven by the coordinator actor, tests and benchmarks alike.
 *
 * <p>{@link org.automoe.core.search.SearchState} is the whole search, as transitions a journal can
 * replay. It composes the {@link org.automoe.core.search.LeaseBook} (the queue, leases with their
 * attempts and deadlines, expiry, release and the max-attempts rule) with a population strategy
 * chosen once from the mode: {@code GenerationalPopulation} (the paper's generations) or {@code
 * AgingPopulation} (steady-state regularized evolution, breeding in {@link
 * org.automoe.core.search.BreedingRound}s). Around them: the job spec and its {@link
 * org.automoe.core.search.SearchLength}, the leases and results exchanged with evaluators, and the
 * status reported.
 */
package org.automoe.core.search;
