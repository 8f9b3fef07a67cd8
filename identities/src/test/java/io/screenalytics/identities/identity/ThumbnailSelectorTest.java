package io.screenalytics.identities.identity;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.episode.FaceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThumbnailSelectorTest {

  private static FaceRecord face(String id, int track, float det, boolean jpeg) {
    return new FaceRecord(id, 0, 0, track, new float[] {0, 0, 1, 1}, det, 40f, 100f, null, null,
        jpeg ? new byte[] {1} : null);
  }

  @Test
  void shouldPreferOneFacePerTrackThenFillByScore() {
    List<FaceRecord> faces = List.of(
        face("a1", 1, 0.99f, true), face("a2", 1, 0.98f, true), face("a3", 1, 0.97f, true),
        face("b1", 2, 0.50f, true), face("c1", 3, 0.999f, false));
    List<FaceRecord> chosen = new ThumbnailSelector(3, 100.0).select(faces);
    assertThat(chosen).extracting(FaceRecord::faceId).containsExactly("a1", "a2", "b1");
    assertThat(new ThumbnailSelector(0, 100.0).select(faces)).isEmpty();
  }
}
