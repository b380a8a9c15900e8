/** Pareto dominance, non-dominated sorting and the archive of the front (loss against cost). */
package org.automoe.core.evo.pareto;
