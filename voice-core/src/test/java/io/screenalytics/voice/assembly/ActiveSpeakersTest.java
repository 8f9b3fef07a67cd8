package io.screenalytics.voice.assembly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The frame-by-frame decision over scored spans, on constant logits (exact answers). */
class ActiveSpeakersTest {

  @Test void shouldTakeEachIdentitysBestTrackAndGiveOverlapWithinTheMargin() {
    // Given identity a on track 1 (0-2 s, not speaking) and track 3 (1-3 s, 2.0), b on track 2 (0-3 s, 1.8)
    ActiveSpeakers asd = ActiveSpeakers.of(List.of(constant("a", 1, 0, 2, -1), constant("b", 2, 0, 3, 1.8f),
        constant("a", 3, 1, 3, 2)), 0.5, 0);

    // When 0-4 s is cut
    List<ActiveSpeakers.Piece> pieces = asd.cut(0, 4);

    // Then b alone speaks until a's second track starts, both after (0.2 apart), nothing is said after 3 s
    assertThat(pieces).hasSize(3);
    assertThat(pieces.get(0).to()).isCloseTo(1, within(1e-9));
    assertThat(pieces.get(0).speakers()).containsExactly("b");
    assertThat(pieces.get(1).from()).isCloseTo(1, within(1e-9));
    assertThat(pieces.get(1).to()).isCloseTo(3, within(1e-9));
    assertThat(pieces.get(1).speakers()).containsExactlyInAnyOrder("a", "b");
    assertThat(pieces.get(1).evidence()).filteredOn(e -> e.identityId().equals("a")).singleElement()
        .satisfies(e -> {
          assertThat(e.trackId()).isEqualTo(3);
          assertThat(e.meanLogit()).isCloseTo(2, within(1e-6));
        });
    assertThat(pieces.get(2).scored()).isFalse();
    assertThat(pieces.get(2).from()).isCloseTo(3, within(1e-9));

    // And with a margin under 0.2 only the higher face speaks
    assertThat(ActiveSpeakers.of(List.of(constant("a", 3, 1, 3, 2), constant("b", 2, 0, 3, 1.8f)), 0.1, 0)
        .cut(1, 3).get(0).speakers()).containsExactly("a");
  }

  @Test void shouldLetARunOfFramesSpeakOnlyWhenItsPeakReachesTheMinimum() {
    // Given face a at 0.05 over 0-1 s then -1 to 2 s, and face b at -1 over 0-1 s then 0.1 rising to 0.6 over 1-2 s
    float[] a = new float[50];
    float[] b = new float[50];
    for (int i = 0; i < 50; i++) {
      a[i] = i < 25 ? 0.05f : -1;
      b[i] = i < 25 ? -1 : 0.1f + 0.5f * (i - 25) / 24;
    }
    List<FaceLogits> faces = List.of(new FaceLogits("a", 1, 0, 25, a), new FaceLogits("b", 2, 0, 25, b));

    // When decided with a minimum peak of 0.5
    List<ActiveSpeakers.Piece> pieces = ActiveSpeakers.of(faces, 0.5, 0.5).cut(0, 2);

    // Then a's run (peak 0.05) does not speak; b's (peak 0.6) speaks over all of it, its frames under 0.5 included
    assertThat(pieces).hasSize(2);
    assertThat(pieces.get(0).speakers()).isEmpty();
    assertThat(pieces.get(1).from()).isCloseTo(1, within(1e-9));
    assertThat(pieces.get(1).speakers()).containsExactly("b");
    // And with no minimum every frame >= 0 speaks, as before
    assertThat(ActiveSpeakers.of(faces, 0.5, 0).cut(0, 1).get(0).speakers()).containsExactly("a");
  }

  private static FaceLogits constant(String identity, int track, double from, double to, float logit) {
    float[] logits = new float[(int) Math.round((to - from) * 25)];
    Arrays.fill(logits, logit);
    return new FaceLogits(identity, track, from, 25, logits);
  }
}
