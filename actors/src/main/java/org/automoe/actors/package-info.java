/** Pekko typed behaviours around the core domain. */
package org.automoe.actors;
