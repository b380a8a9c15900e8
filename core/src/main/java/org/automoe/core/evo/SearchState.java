package org.automoe.core.evo;

/** Lifecycle of a search. */
public enum SearchState {
  RUNNING,
  DONE,
  FAILED
}
