package io.screenalytics.bench.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CostTableTest {

  private static CostTable faces() {
    return CostTable.of("defaults", Map.of("decoder/decode", 2_000_000_000L), Map.of("decoder", 3.0, "assembly", 1.0),
        Map.of("C1 CompilerThread0", 0.5), 6.0, 100, 50, 10, Map.of());
  }

  private static CostTable voicesAndAsd() {
    return CostTable.of("voices and asd", Map.of("decoder/decode", 2_000_000_000L, "voice/analyse", 1_500_000_000L,
        "asd/plan", 10_000_000L, "asd/decode", 1_000_000_000L, "asd/score", 2_000_000_000L),
        Map.of("decoder", 3.0, "assembly", 1.0, "voice", 2.0, "asd", 3.5), Map.of("C1 CompilerThread0", 0.5), 12.0,
        100, 50, 10, Map.of());
  }

  @Test
  void shouldGiveTheVoiceAndAsdServicesTheirStepsAndTheirRemainder() {
    CostTable t = voicesAndAsd();

    assertThat(t.cpuSecondsByRow().get("voice/analyse")).isCloseTo(1.5, within(1e-9));
    assertThat(t.cpuSecondsByRow().get("voice/transport and rest")).isCloseTo(0.5, within(1e-9));
    assertThat(t.serviceRows("asd")).containsOnlyKeys("plan", "decode", "score", "transport and rest");
    assertThat(t.cpuSecondsByRow().get("asd/transport and rest")).isCloseTo(3.5 - 3.01, within(1e-9));
    assertThat(t.serviceCpuSeconds("asd")).isCloseTo(3.5, within(1e-9));
    // the broker and the rest is what neither a service nor the JIT took; the rows add up to the process
    assertThat(t.cpuSecondsByRow().get("process/broker and rest")).isCloseTo(12 - 9.5 - 0.5, within(1e-9));
    assertThat(t.totalCpuSeconds()).isCloseTo(12, within(1e-9));
  }

  @Test
  void shouldPrintTheVoiceAndAsdRowsOnlyWhenATableRanThem() {
    String facesOnly = print(List.of(faces()));
    String both = print(List.of(faces(), voicesAndAsd()));

    assertThat(facesOnly).doesNotContain("voice ").doesNotContain("asd ");
    assertThat(both).contains("analyse (audio, VAD, GE2E)").contains("decode densely + crop");
  }

  private static String print(List<CostTable> tables) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    CostTable.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), tables, null);
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
