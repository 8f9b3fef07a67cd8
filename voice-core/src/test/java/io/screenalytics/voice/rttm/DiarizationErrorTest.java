package io.screenalytics.voice.rttm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** Exact answers on hand-made annotations (values cross-checked with pyannote.metrics 4.2.0). */
class DiarizationErrorTest {

  private static final Offset<Double> EPS = Offset.offset(1e-9);

  private static SpeakerTurn t(double a, double b, String who) {
    return new SpeakerTurn("f", a, b, who);
  }

  @Test void shouldBeZeroForARelabelledCopy() {
    List<SpeakerTurn> ref = List.of(t(0, 2, "A"), t(2, 5, "B"), t(6, 7, "A"));
    List<SpeakerTurn> hyp = List.of(t(0, 2, "x"), t(2, 5, "y"), t(6, 7, "x"));
    assertThat(new DiarizationError(0, false).score(ref, hyp, null).rate()).isCloseTo(0.0, EPS);
  }

  @Test void shouldCountMissFalseAlarmAndConfusion() {
    List<SpeakerTurn> ref = List.of(t(0, 4, "A"), t(4, 8, "B"));
    List<SpeakerTurn> hyp = List.of(t(1, 4, "x"), t(4, 6, "y"), t(6, 8, "x"), t(8, 9, "y"));
    DerComponents d = new DiarizationError(0, false).score(ref, hyp, List.<double[]>of(new double[] {0, 10}));
    assertThat(d.total()).isCloseTo(8.0, EPS);
    assertThat(d.missed()).isCloseTo(1.0, EPS);
    assertThat(d.falseAlarm()).isCloseTo(1.0, EPS);
    assertThat(d.confusion()).isCloseTo(2.0, EPS);
    assertThat(d.rate()).isCloseTo(0.5, EPS);
  }

  @Test void shouldRemoveCollarsAndOverlapWhenAsked() {
    List<SpeakerTurn> ref = List.of(t(0, 4, "A"), t(3, 6, "B"));
    List<SpeakerTurn> hyp = List.of(t(0, 6, "x"));
    DerComponents scored = new DiarizationError(0.5, false).score(ref, hyp, List.<double[]>of(new double[] {0, 6}));
    // scored time: [0.25, 2.75] + [3.25, 3.75] + [4.25, 5.75]; overlap [3.25, 3.75] counts A and B
    assertThat(scored.total()).isCloseTo(2.5 + 1.0 + 1.5, EPS);
    assertThat(scored.missed()).isCloseTo(0.5, EPS);
    assertThat(scored.confusion()).isCloseTo(1.5, EPS);
    DerComponents skipped = new DiarizationError(0.5, true).score(ref, hyp, List.<double[]>of(new double[] {0, 6}));
    assertThat(skipped.total()).isCloseTo(4.0, EPS);
    assertThat(skipped.missed()).isCloseTo(0.0, EPS);
  }

  @Test void shouldRoundTripRttm() {
    List<SpeakerTurn> turns = List.of(t(0.5, 1.25, "lin_manuel_miranda"), t(2, 3, "voice_01"));
    String text = Rttm.format(turns);
    assertThat(text).startsWith("SPEAKER f 1 0.500 0.750 <NA> <NA> lin_manuel_miranda <NA> <NA>");
    Map<String, List<SpeakerTurn>> back = Rttm.parse(text);
    assertThat(back.get("f")).hasSize(2);
    assertThat(back.get("f").get(1).speaker()).isEqualTo("voice_01");
  }
}
