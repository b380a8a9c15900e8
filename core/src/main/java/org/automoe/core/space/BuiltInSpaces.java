package org.automoe.core.space;

import java.util.List;
import java.util.stream.IntStream;
import org.automoe.core.InvalidInputException;

/**
 * The search spaces that ship with AutoMoE.
 *
 * <ul>
 *   <li>{@code paper}: the AutoMoE WMT space (REFERENCE section 2), maximum experts M = 6; {@code
 *       paper:M} chooses another M (the paper also uses 2 and 16).
 *   <li>{@code small}: the same structure at CPU size, for real experiments on a laptop or a 2-core
 *       node.
 *   <li>{@code tiny}: the same structure at toy size, for tests and a quick demo.
 * </ul>
 */
public final class BuiltInSpaces {
  /** Names accepted by {@link #byName}; {@code paper:M} is accepted too. */
  public static final List<String> NAMES = List.of("paper", "small", "tiny");

  /** The paper's default maximum number of experts per layer. */
  public static final int PAPER_MAX_EXPERTS = 6;

  private BuiltInSpaces() {}

  /** The AutoMoE WMT'14 space with {@code maxExperts} experts at most per layer. */
  public static SearchSpace paper(int maxExperts) {
    if (maxExperts < 1 || maxExperts > 64) {
      throw new InvalidInputException(
          "paper space: maximum experts must be in [1, 64], but was " + maxExperts);
    }
    List<Integer> experts = range(1, maxExperts);
    List<Integer> widths = List.of(1024, 2048, 3072);
    String name = maxExperts == PAPER_MAX_EXPERTS ? "paper" : "paper:" + maxExperts;
    return new SearchSpace(
        name,
        512,
        32768,
        new StackSpace(
            List.of(512, 640), List.of(6), List.of(4, 8), List.of(), List.of(), experts, widths),
        new StackSpace(
            List.of(512, 640),
            range(1, 6),
            List.of(4, 8),
            List.of(4, 8),
            List.of(-1, 1, 2),
            experts,
            widths));
  }

  /**
   * A CPU-sized space with the paper's structure, sized so that a supernet trained for half an hour
   * on two cores gets past the language-model stage (a space of embedding 256 and FFN 768 did not).
   */
  public static SearchSpace small() {
    List<Integer> experts = range(1, 4);
    List<Integer> widths = List.of(128, 256, 512);
    return new SearchSpace(
        "small",
        128,
        8000,
        new StackSpace(
            List.of(96, 128), List.of(3), List.of(2, 4), List.of(), List.of(), experts, widths),
        new StackSpace(
            List.of(96, 128),
            range(1, 3),
            List.of(2, 4),
            List.of(2, 4),
            List.of(-1, 1, 2),
            experts,
            widths));
  }

  /** A toy space with the paper's structure, small enough for unit tests and a fast demo. */
  public static SearchSpace tiny() {
    List<Integer> experts = range(1, 3);
    List<Integer> widths = List.of(32, 64, 128);
    return new SearchSpace(
        "tiny",
        64,
        1000,
        new StackSpace(
            List.of(32, 64), List.of(2), List.of(2, 4), List.of(), List.of(), experts, widths),
        new StackSpace(
            List.of(32, 64),
            range(1, 2),
            List.of(2, 4),
            List.of(2, 4),
            List.of(-1, 1),
            experts,
            widths));
  }

  /** Looks up a built-in space: {@code paper}, {@code paper:M}, {@code small} or {@code tiny}. */
  public static SearchSpace byName(String name) {
    if (name.startsWith("paper:")) {
      String m = name.substring("paper:".length());
      try {
        return paper(Integer.parseInt(m));
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "space '" + name + "': expected paper:M with M a whole number of experts");
      }
    }
    return switch (name) {
      case "paper" -> paper(PAPER_MAX_EXPERTS);
      case "small" -> small();
      case "tiny" -> tiny();
      default ->
          throw new InvalidInputException(
              "unknown space '" + name + "': use one of " + NAMES + ", paper:M, or a space file");
    };
  }

  /** True when {@code name} denotes a built-in space rather than a file. */
  public static boolean isBuiltIn(String name) {
    return NAMES.contains(name) || name.startsWith("paper:");
  }

  private static List<Integer> range(int from, int to) {
    return IntStream.rangeClosed(from, to).boxed().toList();
  }
}
