package io.screenalytics.detecttrack.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.schemas.TrackQuality;
import org.junit.jupiter.api.Test;

class TrackCropsTest {

  @Test
  void shouldKeepTheSixBestFacesByScoreTimesSharpness() {
    // Given 10 faces of track 7: scores 0.9, blur rising 0..900 (sharpness b / (b + 100)), face 3 a blurry 1.0
    TrackCrops crops = new TrackCrops(6);
    for (int i = 0; i < 10; i++) {
      float blur = i == 3 ? 5f : 100f * i;
      float score = i == 3 ? 1f : 0.9f;
      crops.add(7, "ep:" + i + ":0", score, blur, 40f + i, 100f + i);
    }
    crops.add(8, "ep:0:1", 0.8f, 300f, 30f, 50f);

    // When the track closes
    TrackCrops.Closed closed = crops.close(7);

    // Then the six sharpest confident faces, best first; face 3 (1.0 but blurry) is not among them
    assertThat(closed.bestFaceIds()).containsExactly("ep:9:0", "ep:8:0", "ep:7:0", "ep:6:0", "ep:5:0", "ep:4:0");
    TrackQuality q = closed.quality();
    assertThat(q.getFaces()).isEqualTo(10);
    assertThat(q.getDetScoreMin()).isEqualTo(0.9f);
    assertThat(q.getDetScoreMax()).isEqualTo(1f);
    assertThat((double) q.getBlurMax()).isEqualTo(900.0);
    assertThat((double) q.getBlurMean()).isCloseTo((100.0 * (45 - 3) + 5) / 10, within(1e-3));
    assertThat((double) q.getContrastMean()).isCloseTo(44.5, within(1e-4));
    assertThat((double) q.getFaceHeightMean()).isCloseTo(104.5, within(1e-4));
    assertThat(crops.openTracks()).isEqualTo(1);
  }

  @Test
  void shouldBreakTiesByOrderAndForgetDroppedTracks() {
    TrackCrops crops = new TrackCrops(2);
    crops.add(1, "a", 0.9f, 100f, 1f, 1f);
    crops.add(1, "b", 0.9f, 100f, 1f, 1f);
    crops.add(1, "c", 0.9f, 100f, 1f, 1f);
    assertThat(crops.close(1).bestFaceIds()).containsExactly("a", "b");
    crops.add(2, "d", 0.9f, 100f, 1f, 1f);
    crops.drop(2);
    TrackCrops.Closed unknown = crops.close(2);
    assertThat(unknown.bestFaceIds()).isEmpty();
    assertThat(unknown.quality()).isNull();
    assertThat(TrackCrops.rank(1.5f, -3f)).isZero();
    assertThat(TrackCrops.rank(0.8f, 100f)).isCloseTo(0.4, within(1e-6));
  }
}
