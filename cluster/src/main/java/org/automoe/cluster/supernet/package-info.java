/**
 * `automoe supernet` and `automoe subnet`: train the supernet, evaluate, export and retrain
 * subnets, and the model folders (corpus, BPE, checkpoints) they share.
 */
package org.automoe.cluster.supernet;
