package org.automoe.core.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.automoe.core.InvalidInputException;
import org.junit.jupiter.api.Test;

class SearchLengthTest {
  @Test
  void describesItselfForLogs() {
    assertEquals("5000 evaluations", new SearchLength.Budget(5000).describe());
    assertEquals("10 generations", new SearchLength.Iterations(10).describe());
    assertEquals("no limit (until stopped)", new SearchLength.Unbounded().describe());
  }

  @Test
  void aBudgetAllowsOneEvaluationAtLeast() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new SearchLength.Budget(0));
    assertEquals("a budget must allow at least 1 evaluation, but was 0", e.getMessage());
  }

  @Test
  void iterationsAreOneGenerationAtLeast() {
    InvalidInputException e =
        assertThrows(InvalidInputException.class, () -> new SearchLength.Iterations(-2));
    assertEquals("iterations must be at least 1 generation, but was -2", e.getMessage());
  }

  @Test
  void asyncModeTakesABudgetOrNoLimit() {
    SearchLength budget = new SearchLength.Budget(5);
    assertEquals(budget, SearchSamples.spec(SearchMode.ASYNC, budget, 1).length());
    SearchLength unbounded = new SearchLength.Unbounded();
    assertEquals(unbounded, SearchSamples.spec(SearchMode.ASYNC, unbounded, 1).length());
  }

  @Test
  void asyncModeRefusesIterations() {
    InvalidInputException e =
        assertThrows(
            InvalidInputException.class,
            () -> SearchSamples.spec(SearchMode.ASYNC, new SearchLength.Iterations(3), 1));
    assertEquals(
        "async mode runs on a budget of evaluations or without limit, but was given 3 generations",
        e.getMessage());
  }

  @Test
  void generationalModeTakesIterationsOnly() {
    InvalidInputException budget =
        assertThrows(
            InvalidInputException.class,
            () -> SearchSamples.spec(SearchMode.GENERATIONAL, new SearchLength.Budget(5), 1));
    assertEquals(
        "generational mode runs for a number of generations (iterations), but was given 5"
            + " evaluations",
        budget.getMessage());
    assertThrows(
        InvalidInputException.class,
        () -> SearchSamples.spec(SearchMode.GENERATIONAL, new SearchLength.Unbounded(), 1));
  }

  @Test
  void aSpecNeedsALength() {
    assertThrows(InvalidInputException.class, () -> SearchSamples.spec(SearchMode.ASYNC, null, 1));
  }
}
