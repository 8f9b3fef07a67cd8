package io.screenalytics.identities.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.FaceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrackPoolingTest {

  private static FaceRecord face(String id, long frame, int track, float det, float blur, float[] emb) {
    return new FaceRecord(id, frame, frame / 30.0, track, new float[] {0, 0, 10, 10}, det, 40f, blur,
        emb, emb == null ? "skipped" : null);
  }

  @Test
  void shouldWeightFacesByDetScoreAndSharpness() {
    // Given face 1: det 1.0, blur 100 -> 1.0 * 100/200 = 0.5; face 2: det 0.5, blur 300 -> 0.5 * 0.75 = 0.375
    EpisodeIndex index = EpisodeIndex.of(List.of(
        face("a", 0, 7, 1.0f, 100f, new float[] {1f, 0f}),
        face("b", 6, 7, 0.5f, 300f, new float[] {0f, 1f})), List.of());
    // When
    List<TrackEmbedding> tracks = new TrackPooling(100.0).embed(index);
    // Then the mean is (0.5, 0.375) re-normalised to (0.8, 0.6)
    assertThat(tracks).hasSize(1);
    assertThat(tracks.get(0).trackId()).isEqualTo(7);
    assertThat(tracks.get(0).vector()[0]).isCloseTo(0.8f, within(1e-6f));
    assertThat(tracks.get(0).vector()[1]).isCloseTo(0.6f, within(1e-6f));
    assertThat(tracks.get(0).totalWeight()).isCloseTo(0.875, within(1e-9));
    assertThat(tracks.get(0).faces()).isEqualTo(2);
  }

  @Test
  void shouldSkipTracksWithoutEmbeddingsAndFallBackToEqualWeights() {
    EpisodeIndex index = EpisodeIndex.of(List.of(
        face("a", 0, 1, 0f, 0f, new float[] {1f, 0f}),
        face("b", 6, 1, 0f, 0f, new float[] {0f, 1f}),
        face("c", 0, 2, 0.9f, 100f, null)), List.of());
    List<TrackEmbedding> tracks = new TrackPooling(100.0).embed(index);
    assertThat(tracks).extracting(TrackEmbedding::trackId).containsExactly(1);
    assertThat(tracks.get(0).vector()[0]).isCloseTo((float) Math.sqrt(0.5), within(1e-6f));
  }

  @Test
  void shouldRejectEmbeddingsOfDifferentDimensions() {
    EpisodeIndex index = EpisodeIndex.of(List.of(
        face("a", 0, 1, 0.9f, 100f, new float[] {1f, 0f}),
        face("b", 6, 2, 0.9f, 100f, new float[] {0f, 1f, 0f})), List.of());
    assertThatThrownBy(() -> new TrackPooling(100.0).embed(index))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("face b");
  }
}
