package org.automoe.actors.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The probe's waiting line, without an actor system. */
class ProbeQueueTest {
  @Test
  void refusesARequestBeyondItsCapacityAndKeepsTheOthers() {
    ProbeQueue<String> q = new ProbeQueue<>(2);
    assertTrue(q.offer("a"));
    assertTrue(q.offer("b"));
    assertFalse(q.offer("c"), "two already wait");
    assertEquals(2, q.waiting());
    assertEquals(List.of("a", "b"), q.drain());
  }

  @Test
  void theOneBeingMeasuredDoesNotCountAgainstTheCapacity() {
    ProbeQueue<String> q = new ProbeQueue<>(1);
    assertTrue(q.offer("a"));
    assertEquals(Optional.of("a"), q.start());
    assertTrue(q.offer("b"));
    assertFalse(q.offer("c"));
  }

  @Test
  void startsOneAtATimeOldestFirst() {
    ProbeQueue<String> q = new ProbeQueue<>(4);
    q.offer("a");
    q.offer("b");
    assertEquals(Optional.of("a"), q.start());
    assertEquals(Optional.empty(), q.start(), "a is still being measured");
    assertTrue(q.finish("a"));
    assertEquals(Optional.of("b"), q.start());
    assertTrue(q.finish("b"));
    assertEquals(Optional.empty(), q.start(), "nothing waits");
  }

  @Test
  void aMeasurementStartedBeforeARestartDoesNotEndTheCurrentOne() {
    ProbeQueue<String> q = new ProbeQueue<>(4);
    String current = new String("x");
    String earlier = new String("x"); // equal, but another request
    q.offer(current);
    q.offer("next");
    assertSame(current, q.start().orElseThrow());
    assertFalse(q.finish(earlier));
    assertEquals(Optional.empty(), q.start(), "the current one still runs");
    assertTrue(q.finish(current));
    assertEquals(Optional.of("next"), q.start());
  }

  @Test
  void rejectsACapacityBelowOne() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> new ProbeQueue<String>(0));
    assertEquals("probe queue capacity must be at least 1, but was 0", e.getMessage());
  }
}
