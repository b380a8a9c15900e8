package org.automoe.core.search;

/** Lifecycle of a search. */
public enum SearchPhase {
  RUNNING,
  DONE,
  FAILED
}
