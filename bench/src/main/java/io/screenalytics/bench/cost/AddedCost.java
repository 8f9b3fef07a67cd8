package io.screenalytics.bench.cost;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one service adds to an episode's cost: the same episode run without it and with it in interleaved rounds
 * ({@code bench/run episode}: "voices" against "voices and asd"), round by round and as the cheapest round of each
 * configuration, beside the service's own CPU (its governor's accounting, split into its rows of the {@link
 * CostTable}). The process's difference holds what the service makes others do too (the broker serving its fetches,
 * assembly reading its result, a longer wait) and the machine's noise; the service's own CPU holds neither.
 *
 * @param service  the service's name ({@code asd})
 * @param without  the rounds without it, in order
 * @param with     the rounds with it, same order and count
 * @param counters the service's counters in each round with it (its last status event's), same order; may be empty
 */
public record AddedCost(String service, List<CostTable> without, List<CostTable> with,
    List<Map<String, Double>> counters) {

  /**
   * @throws IllegalArgumentException when the lists are empty or their lengths differ
   */
  public AddedCost {
    if (without.isEmpty() || without.size() != with.size() || counters.size() != with.size()) {
      throw new IllegalArgumentException("one table without and one with the service per round, and its counters: "
          + without.size() + ", " + with.size() + ", " + counters.size());
    }
    without = List.copyOf(without);
    with = List.copyOf(with);
    counters = List.copyOf(counters);
  }

  /** The process's CPU per second of video added in round {@code i}: with minus without, CPU-s per video-second. */
  public double added(int round) {
    return perVideoSecond(with.get(round)) - perVideoSecond(without.get(round));
  }

  /** The cheapest round with it minus the cheapest without, CPU-s per video-second. */
  public double addedCheapest() {
    return cheapest(with) - cheapest(without);
  }

  /** The service's own CPU in round {@code i}, CPU-s per video-second. */
  public double own(int round) {
    CostTable t = with.get(round);
    return t.serviceCpuSeconds(service) / t.videoSeconds();
  }

  /** The service's own CPU in its cheapest round, CPU-s per video-second. */
  public double ownCheapest() {
    double best = Double.POSITIVE_INFINITY;
    for (int i = 0; i < with.size(); i++) best = Math.min(best, own(i));
    return best;
  }

  private static double perVideoSecond(CostTable t) {
    return t.totalCpuSeconds() / t.videoSeconds();
  }

  private static double cheapest(List<CostTable> tables) {
    return tables.stream().mapToDouble(AddedCost::perVideoSecond).min().orElseThrow();
  }

  /** Prints the rounds, the cheapest, and the service's rows and counters per round. */
  public void print(PrintStream out) {
    String a = without.get(0).name();
    String b = with.get(0).name();
    out.printf(Locale.ROOT, "%nwhat %s adds: \"%s\" against \"%s\", %.1f s of video, CPU-s per video-second%n",
        service, b, a, with.get(0).videoSeconds());
    out.printf(Locale.ROOT, "%-6s %10s %15s %9s %12s  %s%n", "round", shortName(a), shortName(b), "added",
        service + " own", "its steps (CPU-s) and counters");
    for (int i = 0; i < with.size(); i++) {
      StringBuilder steps = new StringBuilder();
      with.get(i).serviceRows(service).forEach((step, cpu) -> steps.append(String.format(Locale.ROOT, "%s%s %.2f",
          steps.length() == 0 ? "" : ", ", step, cpu)));
      counters.get(i).forEach((k, v) -> steps.append(String.format(Locale.ROOT, "; %s %s", k,
          v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v))));
      out.printf(Locale.ROOT, "%-6d %10.3f %15.3f %+9.3f %12.3f  %s%n", i + 1, perVideoSecond(without.get(i)),
          perVideoSecond(with.get(i)), added(i), own(i), steps);
    }
    out.printf(Locale.ROOT, "%-6s %10.3f %15.3f %+9.3f %12.3f  (cheapest round of each; %s own: its governor's CPU,"
        + " every thread of the service)%n", "best", cheapest(without), cheapest(with), addedCheapest(), ownCheapest(),
        service);
  }

  private static String shortName(String name) {
    return name.length() <= 15 ? name : name.substring(0, 14) + "~";
  }
}
