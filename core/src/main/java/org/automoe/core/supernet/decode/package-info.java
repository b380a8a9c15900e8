/** Translation with a subnet: greedy and beam search over the cached incremental decoder. */
package org.automoe.core.supernet.decode;
