package io.screenalytics.voice.speech;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SpeechDetectorTest {

  private static float[] probabilities(String pattern) {
    float[] p = new float[pattern.length()];
    for (int i = 0; i < p.length; i++) p[i] = pattern.charAt(i) == 'S' ? 0.9f : pattern.charAt(i) == 'm' ? 0.4f : 0.05f;
    return p;
  }

  @Test void shouldFindSpeechAndBridgeShortPauses() {
    // chunks of 0.1 s: speech 1.0-2.0, a 0.1 s dip (bridged), speech until 3.0, then a long pause, speech 5.0-5.5
    float[] p = probabilities("..........SSSSSSSSSS.SSSSSSSSS....................SSSSS");
    List<SpeechRegion> r = new SpeechDetector(0.5, 0.25, 0.15, 0.0).regions(p, 0.1, p.length * 0.1);
    assertThat(r).hasSize(2);
    assertThat(r.get(0).start()).isEqualTo(1.0);
    assertThat(r.get(0).end()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.get(1).start()).isCloseTo(5.0, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.get(1).end()).isCloseTo(5.5, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test void shouldDropBlipsAndKeepSpeechThroughUncertainChunks() {
    float[] p = probabilities("...S.....SSSmmmSSS.....");
    List<SpeechRegion> r = new SpeechDetector(0.5, 0.25, 0.15, 0.0).regions(p, 0.1, p.length * 0.1);
    assertThat(r).hasSize(1);
    assertThat(r.get(0).start()).isCloseTo(0.9, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(r.get(0).end()).isCloseTo(1.8, org.assertj.core.data.Offset.offset(1e-9));
  }
}
