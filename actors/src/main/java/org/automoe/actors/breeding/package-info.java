/** Generators (sampling, mutation, crossover) and the batched latency predictor actor. */
package org.automoe.actors.breeding;
