/**
 * The application: the `automoe` command line, node bootstrap and the pipeline, one subpackage per
 * concern; builds the runnable jar.
 */
package org.automoe.cluster;
