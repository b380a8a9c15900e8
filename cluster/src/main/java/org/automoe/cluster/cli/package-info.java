/** The root command, its entry point, error mapping to exit codes, and shared CLI helpers. */
package org.automoe.cluster.cli;
