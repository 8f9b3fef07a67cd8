package io.screenalytics.voice.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class WindowingTest {

  private static final Offset<Double> EPS = Offset.offset(1e-9);

  @Test void shouldCutEveryStepAndEndFlushWithTheRegion() {
    List<SpeechWindow> w = Windowing.DEFAULT.cut(List.of(new SpeechRegion(1.0, 3.5)));
    assertThat(w).hasSize(4);
    double[] starts = {1.0, 1.4, 1.8, 1.9};
    for (int i = 0; i < 4; i++) assertThat(w.get(i).start()).isCloseTo(starts[i], EPS);
    assertThat(w.get(0).ownFrom()).isCloseTo(1.0, EPS);
    assertThat(w.get(3).ownTo()).isCloseTo(3.5, EPS);
    for (int i = 1; i < w.size(); i++) assertThat(w.get(i).ownFrom()).isCloseTo(w.get(i - 1).ownTo(), EPS);
  }

  @Test void shouldCentreOneWindowOnAShortRegion() {
    List<SpeechWindow> w = Windowing.DEFAULT.cut(List.of(new SpeechRegion(0.2, 0.6), new SpeechRegion(5, 6)));
    assertThat(w).hasSize(2);
    assertThat(w.get(0).start()).isCloseTo(0.0, EPS);
    assertThat(w.get(0).ownFrom()).isCloseTo(0.2, EPS);
    assertThat(w.get(0).ownTo()).isCloseTo(0.6, EPS);
    assertThat(w.get(1).start()).isCloseTo(4.7, EPS);
    assertThat(w.get(1).region()).isEqualTo(1);
    assertThat(w.get(1).index()).isEqualTo(1);
  }
}
