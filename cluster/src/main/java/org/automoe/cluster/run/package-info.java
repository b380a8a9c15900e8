/**
 * `automoe run`: the pipeline stage by stage, its settings and profiles, and the run directory each
 * stage reads and writes.
 */
package org.automoe.cluster.run;
