/**
 * Evolutionary operators: sampling, mutation, crossover, width repair, selection, individuals, and
 * the pure generational step of HAT/AutoMoE (population 125 = 25 parents + 50 mutants + 50
 * crossovers). Every draw takes a {@link java.util.random.RandomGenerator} seeded from a recorded
 * root seed, so runs replay exactly.
 */
package org.automoe.core.evo;
