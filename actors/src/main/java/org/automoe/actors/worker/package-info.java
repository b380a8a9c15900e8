/** A worker node: the supernet actor that loads once, and the latency probe. */
package org.automoe.actors.worker;
