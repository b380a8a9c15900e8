/**
 * `automoe bench`: benchmarks of the engine, the predictor and supernet training, reported never
 * asserted.
 */
package org.automoe.cluster.bench;
