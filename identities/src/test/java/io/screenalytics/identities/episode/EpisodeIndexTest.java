package io.screenalytics.identities.episode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EpisodeIndexTest {

  private static FaceRecord face(String id, long frame, int track, float det) {
    return new FaceRecord(id, frame, frame / 30.0, track, new float[] {0, 0, 1, 1}, det, 1f, 1f, null, null);
  }

  private static TrackRecord track(int id, long... frames) {
    List<TrackSample> samples = java.util.Arrays.stream(frames)
        .mapToObj(f -> new TrackSample(f, f / 30.0, new float[] {0, 0, 1, 1}, 0.9f)).toList();
    return new TrackRecord(id, frames[0], frames[frames.length - 1], frames[0] / 30.0,
        frames[frames.length - 1] / 30.0, samples, 0.9f, "lost");
  }

  @Test
  void shouldDeduplicateRedeliveredRecordsAndOrderThem() {
    // Given faces and tracks out of order, one face and one track delivered twice
    EpisodeIndex index = EpisodeIndex.of(
        List.of(face("e:12:0", 12, 2, 0.5f), face("e:6:0", 6, 1, 0.9f), face("e:12:0", 12, 2, 0.7f)),
        List.of(track(2, 12), track(1, 6), track(2, 12, 18)));
    // Then the last delivery wins and order is fixed
    assertThat(index.faces()).extracting(FaceRecord::faceId).containsExactly("e:6:0", "e:12:0");
    assertThat(index.faces().get(1).detScore()).isEqualTo(0.7f);
    assertThat(index.tracks()).extracting(TrackRecord::trackId).containsExactly(1, 2);
    assertThat(index.framesOf(2)).containsExactly(12, 18);
  }

  @Test
  void shouldFindTracksSharingASampledFrame() {
    EpisodeIndex index = EpisodeIndex.of(List.of(face("e:0:0", 0, 1, 1f), face("e:6:0", 6, 3, 1f)),
        List.of(track(1, 0, 6), track(2, 12), track(3, 6)));
    assertThat(index.trackIds()).containsExactly(1, 2, 3);
    assertThat(index.coOccur(1, 3)).isTrue();
    assertThat(index.coOccur(3, 1)).isTrue();
    assertThat(index.coOccur(1, 2)).isFalse();
    assertThat(index.coOccur(1, 1)).isFalse();
    assertThat(index.anyCoOccur(List.of(2), List.of(1, 3))).isFalse();
    assertThat(index.tsOf(6)).isEqualTo(0.2);
  }
}
