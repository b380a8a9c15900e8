/** A cluster node: start-up with its roles, the worker resources it loads, `automoe node`. */
package org.automoe.cluster.node;
