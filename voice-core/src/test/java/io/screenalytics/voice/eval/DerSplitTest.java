package io.screenalytics.voice.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.voice.rttm.DerComponents;
import io.screenalytics.voice.rttm.Rttm;
import io.screenalytics.voice.rttm.SpeakerTurn;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.testing.VoiceData;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Choosing on one half and scoring on the other, on made-up DER components. */
class DerSplitTest {

  private static final DerSetting LOOSE = new DerSetting(new SpeechDetector(0.25, 0.25, 0.1, 0.15), 0.45);
  private static final DerSetting TIGHT = new DerSetting(new SpeechDetector(0.5, 0.25, 0.1, 0.03), 0.35);

  /** Every file: 10 s of speech; {@code errorA} seconds wrong on half A's files, {@code errorB} on B's. */
  private static void fill(DerTable table, DerSetting s, double errorA, double errorB) {
    DerComponents none = new DerComponents(5, 0, 0, 0);
    for (String f : AmiHalf.A.files()) table.put(s, f, new DerComponents(10, errorA, 0, 0), none);
    for (String f : AmiHalf.B.files()) table.put(s, f, new DerComponents(10, 0, errorB, 0), none);
  }

  @Test void shouldChooseOnOneHalfAndScoreOnTheOther() {
    // Given LOOSE best on A, TIGHT best on B, the defaults in between
    DerTable table = new DerTable();
    fill(table, DerSetting.DEFAULT, 3, 3);
    fill(table, LOOSE, 1, 6);
    fill(table, TIGHT, 5, 2);
    // When tuned on A, Then LOOSE is chosen and B's DER is LOOSE's there
    DerSplit onA = DerSplit.of(table, AmiHalf.A);
    assertThat(onA.chosen()).isEqualTo(LOOSE);
    assertThat(onA.heldOutHalf()).isEqualTo(AmiHalf.B);
    assertThat(onA.tuning().scored().rate()).isEqualTo(0.1);
    assertThat(onA.heldOut().scored().rate()).isEqualTo(0.6);
    assertThat(onA.defaults().scored().rate()).isEqualTo(0.3);
    // and the other way round
    DerSplit onB = DerSplit.of(table, AmiHalf.B);
    assertThat(onB.chosen()).isEqualTo(TIGHT);
    assertThat(onB.heldOut().scored().rate()).isEqualTo(0.5);
    // and the report has both, plus each half scored with the other's choice: (5 + 6) / 20 per file pair
    String report = VoiceReport.split(table, List.of(AmiHalf.B, AmiHalf.A));
    assertThat(report).contains("tuned on A (VAD 0.25, silence 100 ms, pad 150 ms, distance 0.45): A 10.0 / 0.0 %"
        + " tuning, B 60.0 / 0.0 % held out (defaults on B 30.0 / 0.0 %)")
        .contains("held out both ways (each half scored with the setting tuned on the other): all 12 55.0 / 0.0 %")
        .containsSubsequence("tuned on A", "tuned on B");
  }

  @Test void shouldBreakTiesOnOverlapSkippedThenOrder() {
    DerTable table = new DerTable();
    for (String f : AmiHalf.all()) {
      table.put(LOOSE, f, new DerComponents(10, 1, 0, 0), new DerComponents(5, 1, 0, 0));
      table.put(TIGHT, f, new DerComponents(10, 1, 0, 0), new DerComponents(5, 0.5, 0, 0));
      table.put(DerSetting.DEFAULT, f, new DerComponents(10, 1, 0, 0), new DerComponents(5, 0.5, 0, 0));
    }
    assertThat(table.best(AmiHalf.A.files())).isEqualTo(TIGHT);
  }

  @Test void shouldRefuseAHalfNotScored() {
    DerTable table = new DerTable();
    for (String f : AmiHalf.A.files()) table.put(LOOSE, f, DerComponents.ZERO, DerComponents.ZERO);
    assertThatThrownBy(() -> DerSplit.of(table, AmiHalf.A)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trn06");
  }

  @Test void shouldSplitTheTwelveFilesBySpeaker() throws Exception {
    assertThat(AmiHalf.all()).hasSize(12).doesNotHaveDuplicates();
    assertThat(AmiHalf.A.files()).hasSize(6).doesNotContainAnyElementsOf(AmiHalf.B.files());
    // no speaker of the shared truth speaks in both halves
    Map<String, List<SpeakerTurn>> truth = new HashMap<>(Rttm.read(VoiceData.file("media/audio/ami/debug.train.rttm")));
    truth.putAll(Rttm.read(VoiceData.file("media/audio/ami/debug.development.rttm")));
    assertThat(truth.keySet()).containsExactlyInAnyOrderElementsOf(AmiHalf.all());
    Set<String> speakersA = new HashSet<>();
    Set<String> speakersB = new HashSet<>();
    AmiHalf.A.files().forEach(f -> truth.get(f).forEach(t -> speakersA.add(t.speaker())));
    AmiHalf.B.files().forEach(f -> truth.get(f).forEach(t -> speakersB.add(t.speaker())));
    assertThat(speakersA).hasSize(12).doesNotContainAnyElementsOf(speakersB);
    assertThat(speakersB).hasSize(11);
    assertThat(DerGrid.DEFAULT.detectors()).hasSize(18).contains(SpeechDetector.DEFAULT);
    assertThat(DerGrid.DEFAULT.distances()).contains(DerSetting.DEFAULT.clusterDistance());
  }
}
