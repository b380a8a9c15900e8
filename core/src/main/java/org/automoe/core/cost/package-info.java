/**
 * Exact parameter and FLOP counts under HAT's reporting conventions (batch 1, 30 source and 30
 * target tokens, FLOPs = 2 x MACs, no embedding or output projection in the headline figures).
 */
package org.automoe.core.cost;
