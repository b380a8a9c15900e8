/**
 * Hard limits on predicted latency, FLOPs and parameters, and the screen that assesses children
 * against them before any evaluator sees them.
 */
package org.automoe.core.evo.constraint;
