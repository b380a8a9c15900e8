/**
 * Parallel text: extraction from Debian-packaged sources, user corpora, splits, BPE and token
 * batching.
 */
package org.automoe.core.data;
