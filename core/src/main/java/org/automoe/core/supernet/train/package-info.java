/** Supernet and standalone training: the update loop with validation, checkpoints and resume. */
package org.automoe.core.supernet.train;
