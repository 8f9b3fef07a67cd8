package io.screenalytics.asd.frontend;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.asd.testing.AsdData;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.voice.testing.VoiceData;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link FaceCrops} against the repository's crop recipe run in Python ({@code katie_hill.faces.u8}). */
class FaceCropsTest {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FaceCropsTest.class);

  @Test
  void shouldCropLikeTheReferenceWithinTwoGrayLevels() throws Exception {
    // Given the talking head's frames at 25 fps and the reference's YuNet boxes
    List<BgrImage> frames = AsdData.frames(VoiceData.file("media/video/sadtalker_WDA_KatieHill_000.mp4"), 512, 512);
    float[] b = AsdData.floats("katie_hill.boxes.f32");
    byte[][] expected = AsdData.images("katie_hill.faces.u8", FaceCrops.SIZE);
    List<TrackBox> boxes = new ArrayList<>();
    for (int i = 0; i < b.length / 4; i++) boxes.add(new TrackBox(b[4 * i], b[4 * i + 1], b[4 * i + 2], b[4 * i + 3]));
    assertThat(expected.length).isEqualTo(199);
    assertThat(boxes).hasSize(200).hasSameSizeAs(frames); // the script smoothed all 200, kept the 199 its audio covers

    // When
    byte[][] actual = FaceCrops.track(frames, boxes);

    // Then: mean absolute difference per crop within 2 gray levels, and over all within 1
    double total = 0;
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      double sum = 0;
      for (int p = 0; p < expected[i].length; p++) sum += Math.abs((actual[i][p] & 0xff) - (expected[i][p] & 0xff));
      double mean = sum / expected[i].length;
      assertThat(mean).as("crop %d", i).isLessThanOrEqualTo(2.0);
      total += mean;
      worst = Math.max(worst, mean);
    }
    LOG.info("face crops: mean absolute difference {} gray levels, worst crop {}", total / expected.length, worst);
    assertThat(total / expected.length).isLessThanOrEqualTo(1.0);
  }

  @Test
  void shouldMedianFilterWithZerosBeyondBothEnds() {
    float[] v = {5, 5, 5, 5, 5};
    // window 3: the ends see one zero, the median of (0, 5, 5) is 5; window 5: the first sees (0, 0, 5, 5, 5) -> 5
    assertThat(FaceCrops.medfilt(v, 3)).containsExactly(5, 5, 5, 5, 5);
    assertThat(FaceCrops.medfilt(new float[] {1, 9, 2}, 3)).containsExactly(1, 2, 2);
    assertThat(FaceCrops.medfilt(new float[] {4, 4, 4}, 13)).containsExactly(0, 0, 0);
  }

  @Test
  void shouldPadOutsideTheFrameWithGray110() {
    // Given a black frame and a face at its corner: the crop reaches beyond the frame
    BgrImage black = BgrImage.black(64, 64);
    byte[] crop = FaceCrops.crop(black, new CropWindow(0, 0, 20));

    // Then: the top-left of the kept centre is padding (110), the bottom-right is frame (0)
    assertThat(crop[0] & 0xff).isEqualTo(110);
    assertThat(crop[crop.length - 1] & 0xff).isZero();
  }

  @Test
  void shouldRefuseATrackTooShortToSmooth() {
    List<BgrImage> frames = java.util.Collections.nCopies(6, BgrImage.black(64, 64));
    List<TrackBox> boxes = java.util.Collections.nCopies(6, new TrackBox(10, 10, 20, 20));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> FaceCrops.track(frames, boxes))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 7 frames");
    assertThat(FaceCrops.track(java.util.Collections.nCopies(7, BgrImage.black(64, 64)),
        java.util.Collections.nCopies(7, new TrackBox(10, 10, 20, 20)))).hasNumberOfRows(7);
  }

  @Test
  void shouldConvertToGrayAsOpenCvDoes() {
    assertThat(FaceCrops.gray(255, 255, 255)).isEqualTo(255);
    assertThat(FaceCrops.gray(0, 0, 0)).isZero();
    assertThat(FaceCrops.gray(0, 0, 255)).isEqualTo(76); // 0.299 * 255 = 76.2
    assertThat(FaceCrops.gray(255, 0, 0)).isEqualTo(29); // 0.114 * 255 = 29.1
  }
}
