package org.automoe.actors.wire;

import java.util.List;
import java.util.Optional;
import org.automoe.core.evo.BreedingOperator;
import org.automoe.core.evo.Individual;
import org.automoe.core.search.BreedingRound;
import org.automoe.core.search.SearchSnapshot;
import org.automoe.proto.AgingPopulationProto;
import org.automoe.proto.BreedingOperatorProto;
import org.automoe.proto.BreedingRoundProto;
import org.automoe.proto.DrawProto;
import org.automoe.proto.GenerationalPopulationProto;
import org.automoe.proto.IndividualProto;
import org.automoe.proto.SearchSnapshotProto;
import org.automoe.proto.WaitingProto;

/** A search's snapshot and its protobuf twin, as the snapshot store keeps it. */
public final class SearchSnapshotMapper {
  private SearchSnapshotMapper() {}

  public static SearchSnapshotProto toProto(SearchSnapshot s) {
    SearchSnapshotProto.Builder b =
        SearchSnapshotProto.newBuilder()
            .setSpec(SearchJobMapper.toProto(s.spec()))
            .setNextId(s.counters().nextId())
            .setDraws(s.counters().draws())
            .setRejected(s.counters().rejected())
            .setEvaluated(s.counters().evaluated())
            .setStopped(s.stopped())
            .setFailed(s.book().failed())
            .setRequeued(s.book().requeued());
    s.failure().ifPresent(b::setFailure);
    s.halted().ifPresent(b::setHalted);
    for (long h : s.seen().ascending()) {
      b.addSeen(h);
    }
    s.leaders().forEach(i -> b.addLeaders(toProto(i)));
    s.front().forEach(i -> b.addFront(toProto(i)));
    s.best().ifPresent(i -> b.setBest(toProto(i)));
    s.lastEvaluated().forEach(i -> b.addLastEvaluated(toProto(i)));
    s.book().candidates().forEach(w -> b.addCandidates(toProto(w)));
    b.addAllPending(s.book().pending()).addAllInFlight(s.book().inFlight());
    if (s.population() instanceof SearchSnapshot.Aging a) {
      AgingPopulationProto.Builder p =
          AgingPopulationProto.newBuilder()
              .setNextRoundId(a.nextRoundId())
              .setDrawsOpened(a.drawsOpened())
              .setBred(a.bred())
              .setFruitlessBrokeConstraint(a.fruitlessBrokeConstraint())
              .setFruitlessDuplicates(a.fruitlessDuplicates());
      a.members().forEach(i -> p.addMembers(toProto(i)));
      a.open().ifPresent(r -> p.setOpen(toProto(r)));
      b.setAging(p);
    } else if (s.population() instanceof SearchSnapshot.Generational g) {
      GenerationalPopulationProto.Builder p =
          GenerationalPopulationProto.newBuilder()
              .setGeneration(g.generation())
              .setUnfinished(g.unfinished());
      g.members().forEach(i -> p.addMembers(toProto(i)));
      b.setGenerational(p);
    }
    return b.build();
  }

  public static SearchSnapshot fromProto(SearchSnapshotProto p) {
    String m = "SearchSnapshotProto";
    Wire.require(p.hasSpec(), m, "spec");
    SearchSnapshot.Population population =
        switch (p.getPopulationCase()) {
          case AGING -> aging(p.getAging());
          case GENERATIONAL -> generational(p.getGenerational());
          case POPULATION_NOT_SET -> throw new WireFormatException(m + ".population is not set");
        };
    long[] seen = p.getSeenList().stream().mapToLong(Long::longValue).toArray();
    return Wire.build(
        m,
        () ->
            new SearchSnapshot(
                SearchJobMapper.fromProto(p.getSpec()),
                new SearchSnapshot.Counters(
                    p.getNextId(), p.getDraws(), p.getRejected(), p.getEvaluated()),
                p.hasFailure() ? Optional.of(p.getFailure()) : Optional.empty(),
                p.getStopped(),
                p.hasHalted() ? Optional.of(p.getHalted()) : Optional.empty(),
                new SearchSnapshot.KeyHashes(seen),
                individuals(p.getLeadersList()),
                individuals(p.getFrontList()),
                p.hasBest() ? Optional.of(fromProto(p.getBest())) : Optional.empty(),
                individuals(p.getLastEvaluatedList()),
                new SearchSnapshot.Book(
                    p.getCandidatesList().stream().map(SearchSnapshotMapper::fromProto).toList(),
                    p.getPendingList(),
                    p.getInFlightList(),
                    p.getFailed(),
                    p.getRequeued()),
                population));
  }

  static IndividualProto toProto(Individual i) {
    return IndividualProto.newBuilder()
        .setCandidate(CandidateMapper.toProto(i.candidate()))
        .setGenome(SearchEventMapper.toProto(i.genome()))
        .setValidationLoss(i.validationLoss())
        .build();
  }

  static Individual fromProto(IndividualProto p) {
    Wire.require(p.hasCandidate(), "IndividualProto", "candidate");
    Wire.require(p.hasGenome(), "IndividualProto", "genome");
    return Wire.build(
        "IndividualProto",
        () ->
            new Individual(
                CandidateMapper.fromProto(p.getCandidate()),
                SearchEventMapper.fromProto(p.getGenome()),
                p.getValidationLoss()));
  }

  private static List<Individual> individuals(List<IndividualProto> list) {
    return list.stream().map(SearchSnapshotMapper::fromProto).toList();
  }

  private static WaitingProto toProto(SearchSnapshot.Waiting w) {
    WaitingProto.Builder b =
        WaitingProto.newBuilder()
            .setCandidate(CandidateMapper.toProto(w.candidate()))
            .setGenome(SearchEventMapper.toProto(w.genome()))
            .setAttempts(w.attempts())
            .setPasses(w.passes());
    w.lease().ifPresent(l -> b.setLease(EvaluationMapper.toProto(l)));
    w.worker().ifPresent(b::setWorker);
    w.failedBy().ifPresent(b::setFailedBy);
    return b.build();
  }

  private static SearchSnapshot.Waiting fromProto(WaitingProto p) {
    Wire.require(p.hasCandidate(), "WaitingProto", "candidate");
    Wire.require(p.hasGenome(), "WaitingProto", "genome");
    return Wire.build(
        "WaitingProto",
        () ->
            new SearchSnapshot.Waiting(
                CandidateMapper.fromProto(p.getCandidate()),
                SearchEventMapper.fromProto(p.getGenome()),
                p.getAttempts(),
                p.hasLease()
                    ? Optional.of(EvaluationMapper.fromProto(p.getLease()))
                    : Optional.empty(),
                p.hasWorker() ? Optional.of(p.getWorker()) : Optional.empty(),
                p.hasFailedBy() ? Optional.of(p.getFailedBy()) : Optional.empty(),
                p.getPasses()));
  }

  private static SearchSnapshot.Aging aging(AgingPopulationProto p) {
    return new SearchSnapshot.Aging(
        individuals(p.getMembersList()),
        p.hasOpen() ? Optional.of(fromProto(p.getOpen())) : Optional.empty(),
        p.getNextRoundId(),
        p.getDrawsOpened(),
        p.getBred(),
        p.getFruitlessBrokeConstraint(),
        p.getFruitlessDuplicates());
  }

  private static SearchSnapshot.Generational generational(GenerationalPopulationProto p) {
    return new SearchSnapshot.Generational(
        individuals(p.getMembersList()), p.getGeneration(), p.getUnfinished());
  }

  private static BreedingRoundProto toProto(BreedingRound r) {
    BreedingRoundProto.Builder b =
        BreedingRoundProto.newBuilder().setId(r.id()).setAccept(r.accept());
    r.draws()
        .forEach(
            d ->
                b.addDraws(
                    DrawProto.newBuilder().setOperator(toProto(d.operator())).setSeed(d.seed())));
    r.parents().forEach(i -> b.addParents(toProto(i)));
    return b.build();
  }

  private static BreedingRound fromProto(BreedingRoundProto p) {
    List<BreedingRound.Draw> draws =
        p.getDrawsList().stream()
            .map(d -> new BreedingRound.Draw(fromProto(d.getOperator()), d.getSeed()))
            .toList();
    return new BreedingRound(p.getId(), draws, individuals(p.getParentsList()), p.getAccept());
  }

  private static BreedingOperatorProto toProto(BreedingOperator op) {
    return switch (op) {
      case RANDOM -> BreedingOperatorProto.BREEDING_OPERATOR_RANDOM;
      case MUTATION -> BreedingOperatorProto.BREEDING_OPERATOR_MUTATION;
      case CROSSOVER -> BreedingOperatorProto.BREEDING_OPERATOR_CROSSOVER;
    };
  }

  private static BreedingOperator fromProto(BreedingOperatorProto op) {
    return switch (op) {
      case BREEDING_OPERATOR_RANDOM -> BreedingOperator.RANDOM;
      case BREEDING_OPERATOR_MUTATION -> BreedingOperator.MUTATION;
      case BREEDING_OPERATOR_CROSSOVER -> BreedingOperator.CROSSOVER;
      case BREEDING_OPERATOR_UNSPECIFIED, UNRECOGNIZED ->
          throw new WireFormatException("DrawProto.operator is not a breeding operator: " + op);
    };
  }
}
