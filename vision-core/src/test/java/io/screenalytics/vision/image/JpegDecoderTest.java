package io.screenalytics.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.vision.testing.SharedData;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class JpegDecoderTest {

  @Test
  void shouldDecodeRealFramesAsOpenCvDoes() {
    // Given real frames of the Hamilton clip, JPEG-encoded at quality 90
    List<BgrImage> frames = SharedData.frames("media/video/short_hamilton_clip.mp4", 30, 4);
    assertThat(frames).isNotEmpty();
    try (JpegDecoder decoder = new JpegDecoder()) {
      for (BgrImage frame : frames) {
        byte[] jpeg = ImageOps.encodeJpeg(frame, 90);

        // When FFmpeg and OpenCV decode the same bytes
        BgrImage ours = decoder.decode(jpeg);
        BgrImage opencv = ImageOps.decode(jpeg);

        // Then the pictures agree up to chroma upsampling and rounding
        assertThat(ours.width()).isEqualTo(frame.width());
        assertThat(ours.height()).isEqualTo(frame.height());
        assertThat(ImageOps.psnr(ours, opencv)).isGreaterThan(38.0);
        assertThat(ImageOps.psnr(ours, frame)).isGreaterThan(30.0);
      }
      // and the same decoder keeps working frame after frame, with the same result for the same bytes
      byte[] jpeg = ImageOps.encodeJpeg(frames.get(0), 90);
      assertThat(decoder.decode(jpeg).bgr()).isEqualTo(decoder.decode(jpeg).bgr());
    }
  }

  @Test
  void shouldRejectWhatIsNotAJpegAndGoOn() {
    BgrImage frame = SharedData.frames("media/video/short_hamilton_clip.mp4", 30, 1).get(0);
    byte[] jpeg = ImageOps.encodeJpeg(frame, 90);
    try (JpegDecoder decoder = new JpegDecoder()) {
      assertThatThrownBy(() -> decoder.decode(new byte[] {1, 2, 3, 4, 5})).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("JPEG");
      assertThatThrownBy(() -> decoder.decode(null)).isInstanceOf(IllegalArgumentException.class);
      byte[] header = Arrays.copyOf(jpeg, 200);
      assertThatThrownBy(() -> decoder.decode(header)).isInstanceOf(IllegalArgumentException.class);
      byte[] garbage = jpeg.clone();
      for (int i = 400; i < garbage.length; i += 7) {
        garbage[i] = (byte) (garbage[i] * 31 + 17);
      }
      try {
        BgrImage damaged = decoder.decode(garbage); // FFmpeg conceals damage in the entropy-coded data
        assertThat(damaged.width()).isEqualTo(frame.width());
      } catch (IllegalArgumentException expected) {
        assertThat(expected).hasMessageContaining("JPEG");
      }
      // and after every failure the next good frame decodes
      assertThat(decoder.decode(jpeg).width()).isEqualTo(frame.width());
    }
  }
}
