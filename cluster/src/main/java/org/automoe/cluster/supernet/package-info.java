/**
 * `automoe supernet` and `automoe subnet`: train the supernet, evaluate, export and retrain
 * subnets. The model folders they share and the work on them are in {@code org.automoe.core.model}.
 */
package org.automoe.cluster.supernet;
