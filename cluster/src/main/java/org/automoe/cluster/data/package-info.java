/**
 * `automoe data` and `automoe bpe`: corpora built from Debian packages or imported, BPE
 * vocabularies.
 */
package org.automoe.cluster.data;
