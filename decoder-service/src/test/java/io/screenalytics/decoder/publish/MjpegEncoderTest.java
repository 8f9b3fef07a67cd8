package io.screenalytics.decoder.publish;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.vision.image.PixelFormat;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.video.decode.TestMedia;
import io.screenalytics.video.decode.TestVideos;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YUV publishing path against OpenCV's BGR path on the same decoded frames. */
class MjpegEncoderTest {

  @TempDir
  Path tmp;

  @Test
  void shouldPublishRealFramesAsOpenCvDoesFromBgr() {
    // Given the same frames of a real 640x360 clip decoded as BGR and as YUV, published at a 480 px long side
    List<DecodedFrame> bgr = frames(TestMedia.video("short_hamilton_clip.mp4"), PixelFormat.BGR24, 480);
    List<DecodedFrame> yuv = frames(TestMedia.video("short_hamilton_clip.mp4"), PixelFormat.YUVJ420P, 480);
    assertThat(yuv).hasSameSizeAs(bgr).isNotEmpty();

    try (FrameEncoder encoder = new FrameEncoder(480, 90)) {
      for (int i = 0; i < bgr.size(); i++) {
        // When each is encoded
        EncodedFrame fromBgr = encoder.encode(bgr.get(i), Rotation.NONE);
        EncodedFrame fromYuv = encoder.encode(yuv.get(i), Rotation.NONE);

        // Then the pictures agree to within JPEG's own loss, at the same geometry
        assertThat(fromYuv.width()).isEqualTo(fromBgr.width()).isEqualTo(480);
        assertThat(fromYuv.height()).isEqualTo(fromBgr.height());
        assertThat(fromYuv.sourceWidth()).isEqualTo(fromBgr.sourceWidth()).isEqualTo(640);
        BgrImage a = ImageOps.decode(fromBgr.jpeg());
        BgrImage b = ImageOps.decode(fromYuv.jpeg());
        assertThat(ImageOps.psnr(a, b)).as("PSNR of frame %d, YUV path vs BGR path", bgr.get(i).frameIdx())
            .isGreaterThan(35.0);
        // and the YUV path is quantised with libjpeg's tables at the same quality (AC entries; see MjpegEncoder)
        assertThat(acQuantisers(fromYuv.jpeg())).isEqualTo(acQuantisers(fromBgr.jpeg()));
        assertThat(fromYuv.jpeg().length).isBetween(fromBgr.jpeg().length * 8 / 10, fromBgr.jpeg().length * 12 / 10);
      }
    }
  }

  @Test
  void shouldTurnPlanesAsOpenCvTurnsBgr() throws Exception {
    // Given a clip with a red block at the top left, decoded both ways
    Path clip = TestVideos.encode(tmp.resolve("block.mp4"), TestVideos.Spec.mp4(64, 48, 25, 2),
        i -> FrameEncoderTest.redTopLeft(64, 48));
    DecodedFrame bgr = frames(clip, PixelFormat.BGR24, 0).get(0);
    DecodedFrame yuv = frames(clip, PixelFormat.YUVJ420P, 0).get(0);

    try (FrameEncoder encoder = new FrameEncoder(0, 95)) {
      for (Rotation rotation : Rotation.values()) {
        // When each is turned and encoded
        EncodedFrame fromBgr = encoder.encode(bgr, rotation);
        EncodedFrame fromYuv = encoder.encode(yuv, rotation);

        // Then both come out the same way up
        assertThat(fromYuv.width()).as("%s width", rotation).isEqualTo(fromBgr.width());
        assertThat(fromYuv.height()).as("%s height", rotation).isEqualTo(fromBgr.height());
        assertThat(fromYuv.sourceWidth()).isEqualTo(fromBgr.sourceWidth());
        assertThat(ImageOps.psnr(ImageOps.decode(fromBgr.jpeg()), ImageOps.decode(fromYuv.jpeg())))
            .as("PSNR turned %s", rotation).isGreaterThan(30.0);
      }
    }
  }

  @Test
  void shouldEncodeOddSizesWhoseChromaPlanesRoundUp() {
    // Given frames scaled to an odd size, 213x120 (chroma planes 107x60)
    List<DecodedFrame> yuv = frames(TestMedia.video("short_hamilton_clip.mp4"), PixelFormat.YUVJ420P, 213);
    List<DecodedFrame> bgr = frames(TestMedia.video("short_hamilton_clip.mp4"), PixelFormat.BGR24, 213);
    assertThat(yuv.get(0).width()).isEqualTo(213);

    // When encoded, also turned a quarter (120x213)
    try (FrameEncoder encoder = new FrameEncoder(213, 90)) {
      EncodedFrame upright = encoder.encode(yuv.get(0), Rotation.NONE);
      EncodedFrame turned = encoder.encode(yuv.get(0), Rotation.CLOCKWISE_90);

      // Then the pictures decode at their sizes, and match the BGR path
      BgrImage image = ImageOps.decode(upright.jpeg());
      assertThat(image.width()).isEqualTo(213);
      assertThat(image.height()).isEqualTo(120);
      assertThat(ImageOps.psnr(image, ImageOps.decode(encoder.encode(bgr.get(0), Rotation.NONE).jpeg())))
          .isGreaterThan(30.0);
      BgrImage turnedImage = ImageOps.decode(turned.jpeg());
      assertThat(turnedImage.width()).isEqualTo(120);
      assertThat(turnedImage.height()).isEqualTo(213);
      assertThat(ImageOps.psnr(turnedImage, ImageOps.decode(encoder.encode(bgr.get(0), Rotation.CLOCKWISE_90).jpeg())))
          .isGreaterThan(30.0);
    }
  }

  @Test
  void shouldRefuseYuvFramesOverTheCap() {
    DecodedFrame yuv = frames(TestMedia.video("short_hamilton_clip.mp4"), PixelFormat.YUVJ420P, 640).get(0);
    try (FrameEncoder encoder = new FrameEncoder(320, 90)) {
      assertThatThrownBy(() -> encoder.encode(yuv, Rotation.NONE)).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("published size");
    }
  }

  @Test
  void shouldScaleTablesAsLibjpeg() {
    // jpeg_quality_scaling: 90 -> 20 %, 50 -> 100 %, 10 -> 500 %; force_baseline clamps to 255
    assertThat(MjpegEncoder.scaledTable(MjpegEncoder.LUMA_TABLE, 90)[0]).isEqualTo(3);
    assertThat(MjpegEncoder.scaledTable(MjpegEncoder.LUMA_TABLE, 50)).isEqualTo(MjpegEncoder.LUMA_TABLE);
    assertThat(MjpegEncoder.scaledTable(MjpegEncoder.CHROMA_TABLE, 10)[63]).isEqualTo(255);
    assertThat(MjpegEncoder.scaledTable(MjpegEncoder.LUMA_TABLE, 100)).containsOnly(1);
  }

  private static List<DecodedFrame> frames(Path video, PixelFormat format, int maxLongSide) {
    List<DecodedFrame> out = new ArrayList<>();
    try (FrameSampler sampler = FrameSampler.open(video.toString(),
        new DecodeSettings(25, SamplingPolicy.EXACT_STRIDE, 1, maxLongSide, "none", format))) {
      while (out.size() < 4 && sampler.hasNext()) {
        out.add(sampler.next());
      }
    }
    return out;
  }
  /** The AC entries (1..63, zigzag order) of each 8-bit quantisation table in a JPEG's DQT segments, in order. */
  static List<List<Integer>> acQuantisers(byte[] jpeg) {
    List<List<Integer>> tables = new ArrayList<>();
    int i = 2;
    while (i + 4 <= jpeg.length && (jpeg[i] & 0xff) == 0xff) {
      int marker = jpeg[i + 1] & 0xff;
      int length = ((jpeg[i + 2] & 0xff) << 8) | (jpeg[i + 3] & 0xff);
      if (marker == 0xdb) {
        int at = i + 4;
        while (at < i + 2 + length) {
          at++; // precision and table id
          List<Integer> table = new ArrayList<>();
          for (int k = 0; k < 64; k++) {
            if (k > 0) {
              table.add(jpeg[at + k] & 0xff);
            }
          }
          tables.add(table);
          at += 64;
        }
      }
      if (marker == 0xda) {
        break;
      }
      i += 2 + length;
    }
    return tables;
  }
}
