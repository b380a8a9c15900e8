/**
 * One search as a pure state machine: the job spec, leases handed to evaluators, results taken in
 * idempotently, breeding rounds, status. Driven by the coordinator actor, tests and benchmarks
 * alike.
 */
package org.automoe.core.search;
