package org.automoe.core.evo;

/** Lifecycle of a search. */
public enum SearchPhase {
  RUNNING,
  DONE,
  FAILED
}
