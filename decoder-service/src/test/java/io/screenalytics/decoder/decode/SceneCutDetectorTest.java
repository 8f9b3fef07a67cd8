package io.screenalytics.decoder.decode;

import static io.screenalytics.decoder.decode.TestMedia.HAMILTON;
import static io.screenalytics.decoder.decode.TestMedia.HAMILTON_CUTS;
import static io.screenalytics.decoder.decode.TestMedia.SADTALKER_BOB_MENENDEZ;
import static io.screenalytics.decoder.decode.TestMedia.SADTALKER_KATIE_HILL;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SceneCutDetectorTest {

  private static final int WIDTH = 160;
  private static final int HEIGHT = 90;

  @Test
  void shouldFindCutsBetweenSyntheticShotsAndIgnoreMotionWithinAShot() {
    // shots start at frames 0 (blue studio), 60 (warm stage), 120 (green field); a white card moves and
    // the lighting flickers within each shot; sampled at stride 6
    SceneCutDetector detector = new SceneCutDetector();
    List<Long> cuts = new ArrayList<>();
    for (int idx = 0; idx < 180; idx += 6) {
      int shot = idx / 60;
      if (detector.cutPrecedes(shotFrame(idx, shot))) {
        cuts.add((long) idx);
      }
    }

    assertThat(cuts).containsExactly(60L, 120L);
  }

  @Test
  void shouldSuppressACutWithinTheCooldownOfTheLastOne() {
    SceneCutDetector detector = new SceneCutDetector(SceneCutDetector.DEFAULT_THRESHOLD, 24);

    assertThat(detector.cutPrecedes(shotFrame(0, 0))).isFalse();
    assertThat(detector.cutPrecedes(shotFrame(6, 1))).as("no earlier cut: nothing to cool down from").isTrue();
    assertThat(detector.cutPrecedes(shotFrame(18, 2))).as("12 frames after the last cut").isFalse();
    assertThat(detector.cutPrecedes(shotFrame(24, 2))).isFalse();
    assertThat(detector.cutPrecedes(shotFrame(30, 0))).as("24 frames after the last cut").isTrue();
    assertThat(detector.lastCutFrameIdx()).isEqualTo(30);
  }

  @Test
  void shouldFindTheThreeCutsInTheHamiltonClipWithinOneStride() {
    int stride = 6;
    List<Long> cuts = new ArrayList<>();
    SceneCutDetector detector = new SceneCutDetector();
    try (FrameSampler sampler = FrameSampler.open(TestMedia.video(HAMILTON).toString(),
        DecodeSettings.of(stride, 1))) {
      while (sampler.hasNext()) {
        DecodedFrame frame = sampler.next();
        if (detector.cutPrecedes(frame)) {
          cuts.add(frame.frameIdx());
        }
      }
    }

    // a cut is reported on the first sampled frame of the new shot
    assertThat(cuts).hasSameSizeAs(HAMILTON_CUTS);
    for (int i = 0; i < HAMILTON_CUTS.length; i++) {
      assertThat(cuts.get(i)).isBetween(HAMILTON_CUTS[i], HAMILTON_CUTS[i] + stride - 1);
    }
  }

  @Test
  void shouldFindTheCutBetweenTwoTalkingHeadsAndNothingWithinThem() {
    SceneCutDetector detector = new SceneCutDetector();
    List<Long> cuts = new ArrayList<>();
    long offset = 0;
    for (String clip : List.of(SADTALKER_KATIE_HILL, SADTALKER_BOB_MENENDEZ)) {
      long last = 0;
      try (FrameSampler sampler = FrameSampler.open(TestMedia.video(clip).toString(),
          new DecodeSettings(5, SamplingPolicy.EXACT_STRIDE, 1))) { // exact: the clips join at frame 200
        while (sampler.hasNext()) {
          DecodedFrame f = sampler.next();
          DecodedFrame shifted = new DecodedFrame(f.frameIdx() + offset, f.tsSeconds(), f.width(), f.height(),
              f.bgrCopy());
          if (detector.cutPrecedes(shifted)) {
            cuts.add(shifted.frameIdx());
          }
          last = shifted.frameIdx();
        }
      }
      offset = last + 5;
    }

    assertThat(cuts).containsExactly(200L); // Katie Hill has 200 frames: Bob Menendez starts at 200
  }

  @Test
  void shouldScoreIdenticalFramesZeroAndDisjointColoursOne() {
    DecodedFrame red = frame(0, TestVideos.flat(WIDTH, HEIGHT, 0, 0, 255));
    DecodedFrame blue = frame(1, TestVideos.flat(WIDTH, HEIGHT, 255, 0, 0));

    assertThat(SceneCutDetector.distance(red, red)).isZero();
    assertThat(SceneCutDetector.distance(red, blue)).isEqualTo(1.0);
  }

  @Test
  void shouldRejectFramesOutOfOrderAndBadSettings() {
    SceneCutDetector detector = new SceneCutDetector();
    detector.cutPrecedes(shotFrame(6, 0));

    assertThatThrownBy(() -> detector.cutPrecedes(shotFrame(6, 0))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SceneCutDetector(0, 24)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SceneCutDetector(0.3, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldBinPixelsLikeOpenCvsHsvHexcone() {
    assertThat(ColorHistogram.bin(0, 0, 0)).as("black").isEqualTo(0);
    assertThat(ColorHistogram.bin(255, 255, 255)).as("white: hue 0, saturation 0, top value")
        .isEqualTo(ColorHistogram.VAL_BINS - 1);
    int pureGreen = ColorHistogram.bin(0, 255, 0);
    int hueBin = pureGreen / (ColorHistogram.SAT_BINS * ColorHistogram.VAL_BINS);
    assertThat(hueBin).as("green = 120 degrees").isEqualTo(120 * ColorHistogram.HUE_BINS / 360);
  }

  /**
   * A frame of shot {@code shot}: its own palette with a fixed texture, a white card moving with
   * {@code idx}, and a brightness flicker from frame to frame.
   */
  private static DecodedFrame shotFrame(int idx, int shot) {
    int[][] palettes = {{170, 90, 40}, {30, 80, 190}, {40, 160, 60}}; // BGR: blue, warm, green
    int[] base = palettes[shot];
    Random texture = new Random(shot);
    int flicker = new Random(idx).nextInt(13) - 6;
    byte[] bgr = new byte[WIDTH * HEIGHT * 3];
    int cardX = (idx * 3) % (WIDTH - 30);
    for (int y = 0; y < HEIGHT; y++) {
      for (int x = 0; x < WIDTH; x++) {
        int i = (y * WIDTH + x) * 3;
        boolean card = x >= cardX && x < cardX + 30 && y >= 30 && y < 60;
        int grain = texture.nextInt(81) - 40;
        for (int c = 0; c < 3; c++) {
          bgr[i + c] = (byte) Math.max(0, Math.min(255, card ? 235 : base[c] + grain + flicker));
        }
      }
    }
    return frame(idx, bgr);
  }

  private static DecodedFrame frame(long idx, byte[] bgr) {
    return new DecodedFrame(idx, idx / 25.0, WIDTH, HEIGHT, bgr);
  }
}
