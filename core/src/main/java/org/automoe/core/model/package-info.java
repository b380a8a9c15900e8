/**
 * Model folders on disk: supernet and standalone model folders, their corpus and BPE, opened inside
 * DJL resource scopes; and the use cases that work on them (evaluate, export, train, survey,
 * benchmark), each returning a result record.
 *
 * <p>Command line tools stay thin: they parse options, call one use case and print its result, so
 * no {@code NDManager} is opened outside core.
 */
package org.automoe.core.model;
