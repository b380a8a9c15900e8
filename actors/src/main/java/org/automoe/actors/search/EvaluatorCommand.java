package org.automoe.actors.search;

import java.util.List;
import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.automoe.actors.WireMessage;
import org.automoe.core.search.EvaluationRequest;
import org.automoe.core.search.EvaluationResult;

/** What an {@link EvaluatorActor} understands. */
public sealed interface EvaluatorCommand {

  /** A coordinator found this evaluator: pull work from it. */
  record Join(ActorRef<CoordinatorCommand> coordinator, String supernet)
      implements EvaluatorCommand, WireMessage {
    /** A coordinator that does not say which supernet it searches. */
    public Join(ActorRef<CoordinatorCommand> coordinator) {
      this(coordinator, "");
    }
  }

  /**
   * Leased candidates. Empty with {@code finished} when the search is over, or with {@code
   * retryAfterMs} when nothing can be handed out yet.
   */
  record Work(List<EvaluationRequest> requests, boolean finished, long retryAfterMs)
      implements EvaluatorCommand, WireMessage {
    public Work {
      requests = List.copyOf(requests);
    }
  }

  /** An evaluation on the blocking dispatcher ended. */
  record Evaluated(EvaluationResult result)
      implements EvaluatorCommand, NoSerializationVerificationNeeded {}

  /** The coordinator this evaluator serves stopped, or its node left. */
  record CoordinatorGone(ActorRef<CoordinatorCommand> coordinator)
      implements EvaluatorCommand, NoSerializationVerificationNeeded {}

  /** Time to ask for work again. */
  enum Pull implements EvaluatorCommand, NoSerializationVerificationNeeded {
    INSTANCE
  }
}
