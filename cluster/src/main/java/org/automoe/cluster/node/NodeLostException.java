package org.automoe.cluster.node;

/**
 * A node left its cluster without being asked to by its command (a worker downed when its
 * coordinator became unreachable, a search's node shut down by Ctrl-C or its supervisor): the
 * command exits with code 3 so a supervisor starts it again (a search then resumes).
 */
public final class NodeLostException extends RuntimeException {
  public NodeLostException(String message) {
    super(message);
  }
}
