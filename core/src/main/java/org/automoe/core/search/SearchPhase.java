package org.automoe.core.search;

/** Lifecycle of a search. */
public enum SearchPhase {
  RUNNING,
  DONE,
  FAILED,
  /** Ended on request before its length was reached (a continuous search always ends so). */
  STOPPED
}
