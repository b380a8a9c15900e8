/**
 * Architectures: immutable subnet descriptions, their canonical keys, their genomes, and the
 * HAT/AutoMoE subtransformer YAML format.
 */
package org.automoe.core.arch;
