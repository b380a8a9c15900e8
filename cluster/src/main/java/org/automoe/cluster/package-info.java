/** The command line, node bootstrap and settings; builds the runnable jar. */
package org.automoe.cluster;
