package io.screenalytics.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV444P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;

import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.junit.jupiter.api.Test;

class PictureConverterTest {

  /** A full-range picture whose luma rows 0, 3, 6, ... are white and the others black; chroma neutral. */
  private static AVFrame stripes(int format, int width, int height) {
    AVFrame f = av_frame_alloc();
    f.format(format).width(width).height(height);
    assertThat(av_frame_get_buffer(f, 0)).isZero();
    for (int y = 0; y < height; y++) {
      byte v = (byte) (y % 3 == 0 ? 255 : 0);
      for (int x = 0; x < width; x++) {
        f.data(0).put((long) y * f.linesize(0) + x, v);
      }
    }
    int chromaHeight = format == AV_PIX_FMT_YUV444P ? height : (height + 1) / 2;
    for (int p = 1; p <= 2; p++) {
      for (int y = 0; y < chromaHeight; y++) {
        for (int x = 0; x < f.linesize(p); x++) {
          f.data(p).put((long) y * f.linesize(p) + x, (byte) 128);
        }
      }
    }
    return f;
  }

  private static double meanLuma(byte[] yuv, int width, int height) {
    long sum = 0;
    for (int i = 0; i < width * height; i++) {
      sum += yuv[i] & 0xff;
    }
    return (double) sum / (width * height);
  }

  @Test
  void shouldReadOnlyEveryRowStepThRowOfA420Picture() {
    AVFrame f = stripes(AV_PIX_FMT_YUVJ420P, 192, 108);
    try (PictureConverter c = new PictureConverter()) {
      double everyRow = meanLuma(c.convert(f, 16, 9, PixelFormat.YUVJ420P), 16, 9);
      double stepped = meanLuma(c.convert(f, 16, 9, PixelFormat.YUVJ420P, 3), 16, 9);
      assertThat(everyRow).isBetween(80.0, 90.0); // a third of the rows white
      assertThat(stepped).isGreaterThan(250.0); // rows 0, 3, 6, ...: all white
      byte[] out = c.convert(f, 16, 9, PixelFormat.YUVJ420P, 3);
      assertThat(out).hasSize((int) PixelFormat.YUVJ420P.bytes(16, 9));
      for (int i = 16 * 9; i < out.length; i++) {
        assertThat(out[i] & 0xff).isBetween(127, 129); // chroma read from the matching rows, still neutral
      }
    } finally {
      av_frame_free(f);
    }
  }

  @Test
  void shouldReadEveryRowOfOtherFormatsOrWhenTheStepLeavesTooFewRows() {
    AVFrame f444 = stripes(AV_PIX_FMT_YUV444P, 192, 108);
    AVFrame f420 = stripes(AV_PIX_FMT_YUVJ420P, 192, 108);
    try (PictureConverter c = new PictureConverter()) {
      assertThat(meanLuma(c.convert(f444, 16, 9, PixelFormat.YUVJ420P, 3), 16, 9)).isBetween(60.0, 110.0); // limited range
      // 108 / 12 = 9 source rows for 18 thumbnail rows: too few, so every row is read
      assertThat(meanLuma(c.convert(f420, 16, 9 * 2, PixelFormat.YUVJ420P, 12), 16, 18)).isBetween(60.0, 110.0);
      assertThatThrownBy(() -> c.convert(f420, 16, 9, PixelFormat.YUVJ420P, 0))
          .isInstanceOf(IllegalArgumentException.class);
    } finally {
      av_frame_free(f444);
      av_frame_free(f420);
    }
  }
}
