package io.screenalytics.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AddedCostTest {

  private static final double VIDEO_S = 60;

  /** A run of {@code process} CPU seconds; the asd service, when {@code asd > 0}, with its steps. */
  private static CostTable run(String name, double process, double voice, double asd, Map<String, Long> steps) {
    Map<String, Double> services = new LinkedHashMap<>();
    services.put("decoder", 5.0);
    services.put("voice", voice);
    if (asd > 0) services.put("asd", asd);
    return CostTable.of(name, steps, services, Map.of(), process, 1800, 900, VIDEO_S, Map.of());
  }

  private static final Map<String, Long> ASD_STEPS = Map.of("asd/plan", 100_000_000L, "asd/decode",
      3_000_000_000L, "asd/score", 6_000_000_000L, "voice/analyse", 2_000_000_000L);

  @Test
  void shouldGiveTheAddedCpuPerVideoSecondRoundByRoundAndAsTheCheapestOfEach() {
    // Given two interleaved rounds: without asd 30 and 27 CPU-s, with it 33 and 36 CPU-s
    AddedCost cost = new AddedCost("asd", List.of(run("voices", 30, 3, 0, Map.of()),
        run("voices", 27, 3, 0, Map.of())), List.of(run("voices and asd", 33, 3, 10, ASD_STEPS),
        run("voices and asd", 36, 3, 12, ASD_STEPS)), List.of(Map.of("spans", 3.0), Map.of("spans", 3.0)));

    // Then each round's difference, and the cheapest with minus the cheapest without, per second of video
    assertThat(cost.added(0)).isCloseTo(3 / VIDEO_S, within(1e-12));
    assertThat(cost.added(1)).isCloseTo(9 / VIDEO_S, within(1e-12));
    assertThat(cost.addedCheapest()).isCloseTo((33 - 27) / VIDEO_S, within(1e-12));
    // and the service's own CPU: its rows add up to its governor's figure
    assertThat(cost.own(0)).isCloseTo(10 / VIDEO_S, within(1e-12));
    assertThat(cost.ownCheapest()).isCloseTo(10 / VIDEO_S, within(1e-12));
  }

  @Test
  void shouldPrintEachRoundWithTheServiceStepsAndCounters() {
    AddedCost cost = new AddedCost("asd", List.of(run("voices", 30, 3, 0, Map.of())),
        List.of(run("voices and asd", 33, 3, 10, ASD_STEPS)), List.of(Map.of("spans", 3.0)));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    cost.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));

    assertThat(bytes.toString(StandardCharsets.UTF_8))
        .contains("what asd adds: \"voices and asd\" against \"voices\", 60.0 s of video")
        .contains("plan 0.10, decode 3.00, score 6.00, transport and rest 0.90; spans 3")
        .contains("+0.050");
  }

  @Test
  void shouldRefuseRoundsThatDoNotPair() {
    assertThatThrownBy(() -> new AddedCost("asd", List.of(run("voices", 30, 3, 0, Map.of())), List.of(),
        List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
