/** Latency measured on a node's own hardware, with HAT's protocol (REFERENCE section 4). */
package org.automoe.core.latency;
