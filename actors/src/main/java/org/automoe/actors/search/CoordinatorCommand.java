package org.automoe.actors.search;

import org.apache.pekko.actor.NoSerializationVerificationNeeded;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.automoe.actors.WireMessage;
import org.automoe.actors.breeding.GeneratorActor;
import org.automoe.actors.breeding.LatencyPredictorActor;
import org.automoe.core.search.EvaluationResult;
import org.automoe.core.search.SearchStatus;

/** What the {@link SearchCoordinator} understands. */
public sealed interface CoordinatorCommand {

  /** An evaluator asks for up to {@code count} candidates. */
  record RequestWork(ActorRef<EvaluatorCommand> worker, int count)
      implements CoordinatorCommand, WireMessage {}

  /** An evaluator reports the result of one lease. */
  record ReportResult(ActorRef<EvaluatorCommand> worker, EvaluationResult result)
      implements CoordinatorCommand, WireMessage {}

  /** Asks for the search's status. */
  record GetStatus(ActorRef<StatusReply> replyTo) implements CoordinatorCommand, WireMessage {}

  /** The answer to {@link GetStatus}. */
  record StatusReply(SearchStatus status) implements WireMessage {}

  /** The evaluators registered with the Receptionist changed. */
  record EvaluatorsListed(Receptionist.Listing listing)
      implements CoordinatorCommand, NoSerializationVerificationNeeded {}

  /** A watched evaluator stopped, or its node left the cluster. */
  record EvaluatorGone(ActorRef<EvaluatorCommand> worker)
      implements CoordinatorCommand, NoSerializationVerificationNeeded {}

  /** A generator's children for the open breeding round (local: generators are children). */
  record ChildrenBred(GeneratorActor.Bred bred)
      implements CoordinatorCommand, NoSerializationVerificationNeeded {}

  /** The predictor actor's latency for the open round's children (local). */
  record LatencyPredicted(LatencyPredictorActor.Predicted predicted)
      implements CoordinatorCommand, NoSerializationVerificationNeeded {}

  /** Periodic: expire late leases, report progress. */
  enum Tick implements CoordinatorCommand, NoSerializationVerificationNeeded {
    INSTANCE
  }
}
