/** `automoe latency`: measure a latency dataset on this node, train, verify and use a predictor. */
package org.automoe.cluster.latency;
