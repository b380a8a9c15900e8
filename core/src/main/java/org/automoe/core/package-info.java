/**
 * The pure domain of AutoMoE: search spaces, architectures, cost model and evolution.
 *
 * <p>Nothing here depends on actors, wire formats or configuration libraries, so the same code runs
 * inside an actor, a unit test or a command line tool.
 */
package org.automoe.core;
