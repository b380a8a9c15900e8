package org.automoe.actors.worker;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

/**
 * The latency probe's waiting line: one request measured at a time, at most {@code capacity}
 * waiting behind it. Plain state with no actor code, so its rules are tested without an actor
 * system; the probe only routes messages into it.
 *
 * @param <R> a request; told apart by identity, so two equal requests are two requests
 */
final class ProbeQueue<R> {
  private final int capacity;
  private final Deque<R> waiting = new ArrayDeque<>();
  private R measuring;

  ProbeQueue(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException(
          "probe queue capacity must be at least 1, but was " + capacity);
    }
    this.capacity = capacity;
  }

  /** Puts {@code request} in line; false, leaving the line as it was, when it is full. */
  boolean offer(R request) {
    if (waiting.size() >= capacity) {
      return false;
    }
    waiting.addLast(request);
    return true;
  }

  /** The request to measure now: the oldest waiting one, unless one is being measured. */
  Optional<R> start() {
    if (measuring != null || waiting.isEmpty()) {
      return Optional.empty();
    }
    measuring = waiting.pollFirst();
    return Optional.of(measuring);
  }

  /**
   * The measurement of {@code request} ended. False when it is not the one this line started (it
   * was started before the probe restarted), which leaves the current one running.
   */
  boolean finish(R request) {
    if (request != measuring) {
      return false;
    }
    measuring = null;
    return true;
  }

  /** Empties the line, returning the requests that were waiting, oldest first. */
  List<R> drain() {
    List<R> all = new ArrayList<>(waiting);
    waiting.clear();
    return all;
  }

  int waiting() {
    return waiting.size();
  }

  int capacity() {
    return capacity;
  }
}
