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
  void shouldMeasureSameAndDifferentPersonCosineByQualityBand() {
    // Given the labelled photos, When eval measures the quality bands (the calibration of QualityBand)
    Path faces = Path.of(System.getProperty("screenalytics.shared", "../../shared"), "faces");
    CommandRun eval = CommandRun.of("eval", "--quality", "--faces", faces.toString(), "--speech", "/no/speech");
    // Then every band has probes, and a lower band has a lower same-person mean and 1 % threshold
    assertThat(eval.exit()).as(eval.err()).isZero();
    List<Double> sameMeans = numbers(eval.out(), "(?m)^  (?:HIGH|MEDIUM|LOW) +\\d+ +\\d+ +\\d+ +(\\d\\.\\d+)");
    List<Double> thresholds = numbers(eval.out(), "(?m)^  (?:HIGH|MEDIUM|LOW) +(?:[\\d.]+ +){7}(\\d\\.\\d+)");
    assertThat(sameMeans).hasSize(3).isSortedAccordingTo((a, b) -> Double.compare(b, a));
    assertThat(thresholds).hasSize(3);
    assertThat(thresholds.get(2)).isLessThan(thresholds.get(0));
    assertThat(sameMeans.get(0)).isGreaterThan(0.6);
  }

  @Test
  void shouldSayWhereThePhotosAreMissing() {
    CommandRun eval = CommandRun.of("eval", "--faces", "/no/such/faces");
    assertThat(eval.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(eval.err()).contains("/no/such/faces");
  }

  @Test
  void shouldRefuseToTuneWithoutTheAmiSpeechOrOnAnUnknownHalf() {
    // Given the photos but no labelled speech, When asked to tune, Then one line before any figure is computed
    Path faces = Path.of(System.getProperty("screenalytics.shared", "../../shared"), "faces");
    CommandRun noSpeech = CommandRun.of("eval", "--faces", faces.toString(), "--speech", "/no/speech", "--tune-on", "A");
    assertThat(noSpeech.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(noSpeech.out()).isEmpty();
    assertThat(noSpeech.err().strip()).startsWith("error: ").contains("/no/speech/ami").doesNotContain("\n");
    // and a half that is not A or B
    CommandRun unknown = CommandRun.of("eval", "--tune-on", "C");
    assertThat(unknown.exit()).isEqualTo(UserErrors.EXIT);
    assertThat(unknown.err().strip()).startsWith("error: ").contains("--tune-on").contains("A, B").doesNotContain("\n");
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
