/** A node's guardian: what runs on the node, and how each actor is supervised. */
package org.automoe.actors.node;
