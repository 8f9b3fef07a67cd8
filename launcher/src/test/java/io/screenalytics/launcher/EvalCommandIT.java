package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code screenalytics eval} on the real labelled photos: the figures it prints are above sane floors. */
class EvalCommandIT {

  @Test
  void shouldPrintVerificationAndIdentificationFigures() {
    Path faces = Path.of(System.getProperty("screenalytics.shared", "../../shared"), "faces");
    CommandRun eval = CommandRun.of("eval", "--faces", faces.toString());
    assertThat(eval.exit()).as(eval.err()).isZero();
    String faceLines = eval.out().lines().filter(l -> !l.startsWith("voices:"))
        .collect(java.util.stream.Collectors.joining("\n"));
    List<Double> aucs = numbers(faceLines, "AUC (\\d\\.\\d+)");
    assertThat(aucs).hasSize(2).allSatisfy(auc -> assertThat(auc).isGreaterThan(0.95));
    assertThat(eval.out()).contains("300 pairs (38 same, 262 different)").contains("EER")
        .containsPattern("best accuracy \\d+\\.\\d+% at cosine >= \\d\\.\\d+");
    assertThat(numbers(eval.out(), "accuracy (\\d+\\.\\d+)% \\(\\d/3 probes\\)")).singleElement()
        .satisfies(acc -> assertThat(acc).isGreaterThanOrEqualTo(66.0));
    // and the voices: LibriSpeech EER, AMI identification and DER in total, both ways
    assertThat(numbers(eval.out(), "EER (\\d+\\.\\d+) % \\(utterance")).singleElement()
        .satisfies(eer -> assertThat(eer).isLessThanOrEqualTo(1.0));
    assertThat(eval.out()).contains("identification dev00 -> dev01: 6 of 6").contains("too short to enrol")
        .containsPattern("voices: +total +\\d+\\.\\d%");
  }

  @Test
  void shouldSayWhereThePhotosAreMissing() {
    CommandRun eval = CommandRun.of("eval", "--faces", "/no/such/faces");
    assertThat(eval.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(eval.err()).contains("/no/such/faces");
  }

  private static List<Double> numbers(String text, String regex) {
    List<Double> out = new ArrayList<>();
    Matcher m = Pattern.compile(regex).matcher(text);
    while (m.find()) {
      out.add(Double.parseDouble(m.group(1)));
    }
    return out;
  }
}
