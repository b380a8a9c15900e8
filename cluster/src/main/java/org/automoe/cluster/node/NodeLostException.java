package org.automoe.cluster.node;

/**
 * A worker node left its cluster without being asked to (downed when its coordinator became
 * unreachable, say): {@code automoe node} exits non-zero so a supervisor starts it again.
 */
public final class NodeLostException extends RuntimeException {
  public NodeLostException(String message) {
    super(message);
  }
}
