package io.screenalytics.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.vision.detect.Detection;
import io.screenalytics.vision.detect.DetectorSettings;
import io.screenalytics.vision.detect.Nms;
import io.screenalytics.vision.detect.OnnxFaceDetector;
import io.screenalytics.vision.model.ModelCatalog;
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
  void shouldMakeTheDetectorsPictureInTheDecodingPassWithTheSameFaces() {
    // Given real frames of the Hamilton clip (640x360), JPEG-encoded at quality 90, and YuNet at 416
    List<BgrImage> frames = SharedData.frames("media/video/short_hamilton_clip.mp4", 30, 10);
    assertThat(frames).hasSizeGreaterThanOrEqualTo(8);
    int faces = 0;
    try (JpegDecoder decoder = new JpegDecoder();
         OnnxFaceDetector yunet = OnnxFaceDetector.yunet(SharedData.models(), ModelCatalog.YUNET_S_DYNAMIC,
             DetectorSettings.defaults().withMaxInputSize(416), SharedData.SESSION)) {
      for (BgrImage frame : frames) {
        byte[] jpeg = ImageOps.encodeJpeg(frame, 90);

        // When the decoder makes the full picture and the one fitted within 416 from the same decoded planes
        JpegDecoder.Pictures both = decoder.decode(jpeg, 416);

        // Then the full one is the plain decode, the reduced one is what scaling the full one would give
        assertThat(both.full().bgr()).isEqualTo(decoder.decode(jpeg).bgr());
        assertThat(both.reduced().width()).isEqualTo(416);
        assertThat(both.reduced().height()).isEqualTo(234);
        BgrImage scaledAfter = ImageOps.fitWithin(both.full(), 416);
        assertThat(ImageOps.psnr(both.reduced(), scaledAfter)).isGreaterThan(33.0);
        // and the detector finds the same faces on it as on the full picture it scales itself
        List<Detection> onFull = yunet.detect(both.full());
        List<Detection> onReduced = yunet.detect(both.reduced());
        double sx = 640.0 / 416;
        double sy = 360.0 / 234;
        for (Detection d : onFull) {
          float[] box = d.bboxXyxy();
          double best = onReduced.stream().mapToDouble(r -> Nms.iou(box, new float[] {
              (float) (r.bboxXyxy()[0] * sx), (float) (r.bboxXyxy()[1] * sy),
              (float) (r.bboxXyxy()[2] * sx), (float) (r.bboxXyxy()[3] * sy)})).max().orElse(0);
          if (d.score() > DetectorSettings.defaults().scoreThreshold() + 0.05f) {
            assertThat(best).as("face of score %.2f", d.score()).isGreaterThan(0.85);
            faces++;
          }
        }
      }
    }
    assertThat(faces).isGreaterThanOrEqualTo(5);
    // and a picture that fits already, or no limit, gives the full picture twice
    byte[] jpeg = ImageOps.encodeJpeg(frames.get(0), 90);
    try (JpegDecoder decoder = new JpegDecoder()) {
      JpegDecoder.Pictures fits = decoder.decode(jpeg, 640);
      assertThat(fits.reduced()).isSameAs(fits.full());
      JpegDecoder.Pictures unlimited = decoder.decode(jpeg, 0);
      assertThat(unlimited.reduced()).isSameAs(unlimited.full());
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
