package io.screenalytics.video.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.video.decode.SceneCutDetector.Cut;
import io.screenalytics.video.decode.SceneCutDetector.Transition;
import io.screenalytics.video.decode.SceneCutDetector.TransitionKind;
import io.screenalytics.vision.image.PixelFormat;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;

/** The detector on synthetic thumbnails (160x90, YUV 4:2:0), every frame fed; the real footage is in the truth tests. */
class SceneCutDetectorTest {

  private static final int W = 160;
  private static final int H = 90;

  @Test
  void shouldPlaceACutOnTheFirstFrameOfTheNewShotAndIgnoreMotionWithinAShot() {
    // Given three shots (grey-blue studio, warm stage, green field) starting at 0, 40, 80, with a moving card
    SceneCutDetector detector = feed(120, idx -> shot((int) (idx / 40), idx, 0, H));

    assertThat(detector.cuts()).extracting(Cut::frameIdx).containsExactly(40L, 80L);
    assertThat(detector.cuts().get(0).ts()).isEqualTo(40 / 30.0);
    assertThat(detector.transitions()).isEmpty();
  }

  @Test
  void shouldMeasureTheChangeInsideLetterboxBarsOnly() {
    // Given a letterboxed picture (rows 30-59 of 90, two thirds black), two shots whose pictures differ by 40 grey
    // levels: over the whole frame the change would be a third of it, under the minimum change
    SceneCutDetector detector = feed(60, idx -> letterboxed(idx < 30 ? 100 : 140, idx));

    assertThat(detector.cuts()).extracting(Cut::frameIdx).containsExactly(30L);
    assertThat(detector.cuts().get(0).change()).isGreaterThan(SceneCutDetector.DEFAULT_MIN_CHANGE);
  }

  @Test
  void shouldNotCutOnSteadyHeavyMotionButOnTheCutWithinIt() {
    // Given a shot whose every frame changes by about 20 grey levels (noise, a fast pan), then a cut to another
    // picture and the same motion: a global threshold at 12 would cut on every frame; the adaptive ratio does not
    Random random = new Random(7);
    SceneCutDetector detector = feed(60, idx -> noisy(idx < 30 ? 60 : 190, idx, random));

    assertThat(detector.cuts()).extracting(Cut::frameIdx).containsExactly(30L);
  }

  @Test
  void shouldReportFadesApartAndAShotChangeThroughBlackOnTheFadeInsFirstFrame() {
    // Given shot A (0-29), a fade-out to black over 20 frames (30-49), black (50-59), a fade-in of another
    // picture B over 20 frames (60-79), B held (80-99), then a fade-out and a fade-in of B again (100-179)
    SceneCutDetector detector = feed(180, idx -> {
      if (idx < 100) {
        int shot = idx < 50 ? 0 : 1;
        return shot(shot, idx, 0, H).scaled(level(idx, 30, 50, 60, 80));
      }
      return shot(1, idx, 0, H).scaled(level(idx, 100, 120, 140, 160));
    });

    // Then the fades are transitions; the change from A to B is one cut, on the first lit frame after the black;
    // B faded out and back in is no cut
    assertThat(detector.transitions()).extracting(Transition::kind).containsExactly(TransitionKind.FADE_OUT,
        TransitionKind.FADE_IN, TransitionKind.FADE_OUT, TransitionKind.FADE_IN);
    assertThat(detector.transitions().get(0).startFrameIdx()).isBetween(29L, 31L);
    assertThat(detector.transitions().get(1).startFrameIdx()).isBetween(58L, 60L);
    assertThat(detector.cuts()).extracting(Cut::frameIdx).containsExactly(60L);
  }

  @Test
  void shouldHoldDecisionsUntilTheNeighboursAreSeenAndSettleAllAtTheEnd() {
    SceneCutDetector detector = new SceneCutDetector();
    for (long idx = 0; idx <= 10; idx++) {
      detector.accept(shot(idx < 10 ? 0 : 1, idx, 0, H).thumbnail);
    }
    assertThat(detector.settledThrough()).isEqualTo(10 - SceneCutDetector.WINDOW);
    assertThat(detector.takeCutsThrough(10)).isEmpty();

    detector.finish();
    detector.finish();

    assertThat(detector.settledThrough()).isEqualTo(Long.MAX_VALUE);
    assertThat(detector.takeCutsThrough(9)).isEmpty();
    assertThat(detector.takeCutsThrough(10)).extracting(Cut::frameIdx).containsExactly(10L);
  }

  @Test
  void shouldRejectFramesOutOfOrderAndBadSettings() {
    SceneCutDetector detector = new SceneCutDetector();
    detector.accept(shot(0, 5, 0, H).thumbnail);

    assertThatThrownBy(() -> detector.accept(shot(0, 5, 0, H).thumbnail))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("increasing frameIdx");
    assertThatThrownBy(() -> new SceneCutDetector(0.5, 12, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SceneCutDetector(3, 0, 8)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new SceneCutDetector(3, 12, -1)).isInstanceOf(IllegalArgumentException.class);
  }

  private static SceneCutDetector feed(int frames, LongFunction<Picture> picture) {
    SceneCutDetector detector = new SceneCutDetector();
    for (long idx = 0; idx < frames; idx++) {
      detector.accept(picture.apply(idx).thumbnail);
    }
    detector.finish();
    return detector;
  }

  /** Brightness factor: 1 until fadeOutStart, falling to 0 at black, 0 until fadeInStart, rising to 1 at fadeInEnd. */
  private static double level(long idx, int fadeOutStart, int black, int fadeInStart, int fadeInEnd) {
    if (idx < fadeOutStart || idx >= fadeInEnd) {
      return 1;
    }
    if (idx < black) {
      return 1 - (idx - fadeOutStart + 1) / (double) (black - fadeOutStart);
    }
    if (idx < fadeInStart) {
      return 0;
    }
    return (idx - fadeInStart + 1) / (double) (fadeInEnd - fadeInStart);
  }

  /** A picture: luma plane and chroma planes. */
  private record Picture(Thumbnail thumbnail) {
    Picture scaled(double factor) {
      byte[] yuv = thumbnail.yuv().clone();
      int luma = W * H;
      for (int i = 0; i < yuv.length; i++) {
        int v = yuv[i] & 0xff;
        yuv[i] = (byte) (i < luma ? Math.round(v * factor) : Math.round(128 + (v - 128) * factor));
      }
      return new Picture(new Thumbnail(thumbnail.frameIdx(), thumbnail.ts(), W, H, yuv));
    }
  }

  /** Shot {@code shot}'s colours (luma, Cb, Cr) with a white card moving one pixel per frame, rows top..bottom. */
  private static Picture shot(int shot, long idx, int top, int bottom) {
    int[][] colours = {{90, 150, 110}, {150, 100, 170}, {120, 90, 80}};
    int[] c = colours[shot % colours.length];
    byte[] yuv = new byte[(int) PixelFormat.YUVJ420P.bytes(W, H)];
    int card = (int) (idx % (W - 20));
    for (int y = 0; y < H; y++) {
      for (int x = 0; x < W; x++) {
        boolean inside = y >= top && y < bottom;
        boolean onCard = inside && x >= card && x < card + 16 && y >= top + 10 && y < top + 26;
        yuv[y * W + x] = (byte) (!inside ? 0 : onCard ? 235 : c[0] + (x * 7 + y * 3) % 11);
      }
    }
    int cw = PixelFormat.chromaSide(W);
    int ch = PixelFormat.chromaSide(H);
    for (int i = 0; i < cw * ch; i++) {
      boolean inside = i / cw * 2 >= top && i / cw * 2 < bottom;
      yuv[W * H + i] = (byte) (inside ? c[1] : 128);
      yuv[W * H + cw * ch + i] = (byte) (inside ? c[2] : 128);
    }
    return new Picture(new Thumbnail(idx, idx / 30.0, W, H, yuv));
  }

  private static Picture letterboxed(int luma, long idx) {
    byte[] yuv = shot(0, idx, 30, 60).thumbnail.yuv();
    for (int y = 30; y < 60; y++) {
      for (int x = 0; x < W; x++) {
        yuv[y * W + x] = (byte) (luma + (x + y + idx) % 3);
      }
    }
    return new Picture(new Thumbnail(idx, idx / 30.0, W, H, yuv));
  }

  private static Picture noisy(int base, long idx, Random random) {
    byte[] yuv = shot(0, idx, 0, H).thumbnail.yuv();
    for (int i = 0; i < W * H; i++) {
      yuv[i] = (byte) Math.max(0, Math.min(255, base + random.nextInt(81) - 40));
    }
    return new Picture(new Thumbnail(idx, idx / 30.0, W, H, yuv));
  }
}
