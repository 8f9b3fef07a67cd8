package io.screenalytics.decoder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.TestVideos;
import io.screenalytics.video.decode.VideoSource;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameEncoderTest {

  @TempDir
  Path tmp;

  @Test
  void shouldCapTheLongSideAndNeverEnlarge() {
    FrameEncoder capped = new FrameEncoder(1280, 90);
    assertThat(capped.scaledSize(1920, 1080)).containsExactly(1280, 720);
    assertThat(capped.scaledSize(1080, 1920)).containsExactly(720, 1280);
    assertThat(capped.scaledSize(640, 360)).containsExactly(640, 360);
    assertThat(new FrameEncoder(FrameEncoder.SOURCE_SIZE, 90).scaledSize(3840, 2160)).containsExactly(3840, 2160);

    EncodedFrame e = capped.encode(frame(1920, 1080, TestVideos.flat(1920, 1080, 40, 90, 200)), Rotation.NONE);
    BgrImage decoded = ImageOps.decode(e.jpeg());
    assertThat(decoded.width()).isEqualTo(1280).isEqualTo(e.width());
    assertThat(decoded.height()).isEqualTo(720).isEqualTo(e.height());
    assertThat(e.sourceWidth()).isEqualTo(1920);
    assertThat(e.sourceHeight()).isEqualTo(1080);
    assertThat(decoded.at(640, 360, 2)).isBetween(195, 205); // red survives area scaling and JPEG
  }

  @Test
  void shouldTurnARotatedFileUprightAsTheFfmpegCliShowsIt() throws Exception {
    // Given a 64x48 clip with a red block at the top left of the coded picture and display rotation 90
    // (ffprobe: rotation=90); `ffmpeg -i f -frames:v 1 out.ppm` shows it 48x64 with the block at the bottom left
    Path rotated = TestVideos.encode(tmp.resolve("rotated.mp4"), TestVideos.Spec.mp4(64, 48, 25, 3).withRotation(90),
        i -> redTopLeft(64, 48));

    // When its first frame is encoded for publishing
    EncodedFrame e;
    try (VideoSource video = VideoSource.open(rotated.toString(), 1)) {
      Rotation rotation = Rotation.fromDisplayRotation(video.info().rotationDegrees());
      e = new FrameEncoder(1280, 95).encode(video.nextFrame(), rotation);
    }

    // Then it is upright: portrait, block at the bottom left, source size in display orientation
    BgrImage image = ImageOps.decode(e.jpeg());
    assertThat(e.rotation()).isEqualTo(Rotation.CLOCKWISE_270);
    assertThat(image.width()).isEqualTo(48).isEqualTo(e.width()).isEqualTo(e.sourceWidth());
    assertThat(image.height()).isEqualTo(64).isEqualTo(e.height()).isEqualTo(e.sourceHeight());
    assertThat(isRed(image, 4, 60)).as("bottom left").isTrue();
    assertThat(isRed(image, 4, 4)).as("top left").isFalse();
    assertThat(isRed(image, 44, 60)).as("bottom right").isFalse();
  }

  @Test
  void shouldTurnEachQuarterTurnAsOpenCvsRotate() {
    DecodedFrame f = frame(64, 48, redTopLeft(64, 48));
    FrameEncoder encoder = new FrameEncoder(0, 95);
    assertThat(isRed(ImageOps.decode(encoder.encode(f, Rotation.CLOCKWISE_90).jpeg()), 44, 4)).as("90: top right")
        .isTrue();
    assertThat(isRed(ImageOps.decode(encoder.encode(f, Rotation.CLOCKWISE_180).jpeg()), 60, 44))
        .as("180: bottom right").isTrue();
    assertThat(isRed(ImageOps.decode(encoder.encode(f, Rotation.NONE).jpeg()), 4, 4)).as("none: top left").isTrue();
  }

  @Test
  void shouldSpendMoreBytesAtHigherQuality() {
    byte[] noise = new byte[320 * 240 * 3];
    new java.util.Random(7).nextBytes(noise);
    DecodedFrame f = frame(320, 240, noise);
    assertThat(new FrameEncoder(0, 95).encode(f, Rotation.NONE).jpeg().length)
        .isGreaterThan(new FrameEncoder(0, 60).encode(f, Rotation.NONE).jpeg().length);
  }

  @Test
  void shouldRejectUnusableSettings() {
    assertThatThrownBy(() -> new FrameEncoder(-1, 90)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameEncoder(8, 90)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameEncoder(1280, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new FrameEncoder(1280, 101)).isInstanceOf(IllegalArgumentException.class);
  }

  private static DecodedFrame frame(int width, int height, byte[] bgr) {
    return new DecodedFrame(0, 0, width, height, bgr);
  }

  /** Grey with a saturated red block over the top-left quarter. */
  static byte[] redTopLeft(int width, int height) {
    byte[] bgr = TestVideos.flat(width, height, 128, 128, 128);
    for (int y = 0; y < height / 2; y++) {
      for (int x = 0; x < width / 2; x++) {
        int i = (y * width + x) * 3;
        bgr[i] = 0;
        bgr[i + 1] = 0;
        bgr[i + 2] = (byte) 250;
      }
    }
    return bgr;
  }

  private static boolean isRed(BgrImage image, int x, int y) {
    return image.at(x, y, 2) > 200 && image.at(x, y, 1) < 60 && image.at(x, y, 0) < 60;
  }
}
