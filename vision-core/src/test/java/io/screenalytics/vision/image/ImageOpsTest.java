package io.screenalytics.vision.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.vision.testing.SharedData;
import org.bytedeco.opencv.opencv_core.Mat;
import org.junit.jupiter.api.Test;

class ImageOpsTest {

  @Test
  void shouldDecodeARealJpegAndRoundTripItThroughJpeg() {
    BgrImage photo = SharedData.photo("faces/face_recognition/examples/obama.jpg");
    byte[] jpeg = ImageOps.encodeJpeg(photo, 90);
    BgrImage again = ImageOps.decode(jpeg);

    assertThat(jpeg[0] & 0xff).isEqualTo(0xff);
    assertThat(jpeg[1] & 0xff).isEqualTo(0xd8);
    assertThat(again.width()).isEqualTo(photo.width());
    assertThat(again.height()).isEqualTo(photo.height());
    assertThat(meanAbsDiff(photo, again)).isLessThan(4.0);
    assertThat(ImageOps.encodeJpeg(photo, 30).length).isLessThan(jpeg.length);
  }

  @Test
  void shouldKeepChannelOrderThroughOpenCv() {
    // Given a pure-red image in BGR order
    BgrImage red = BgrImage.black(4, 2);
    for (int i = 0; i < 8; i++) red.bgr()[i * 3 + 2] = (byte) 255;
    try (Mat mat = OpenCvMats.toMat(red)) {
      assertThat(OpenCvMats.fromMat(mat)).isEqualTo(red);
    }
    BgrImage png = ImageOps.decode(encodePng(red));
    assertThat(png.at(0, 0, 2)).isEqualTo(255);
    assertThat(png.at(0, 0, 0)).isZero();
  }

  @Test
  void shouldResizeFitAndCrop() {
    BgrImage frame = SharedData.photo("faces/face_recognition/examples/obama-1080p.jpg");
    BgrImage fitted = ImageOps.fitWithin(frame, 640);
    assertThat(fitted.longSide()).isEqualTo(640);
    assertThat((double) fitted.width() / fitted.height()).isCloseTo((double) frame.width() / frame.height(),
        org.assertj.core.data.Offset.offset(0.01));
    assertThat(ImageOps.fitWithin(fitted, 1000)).isSameAs(fitted);
    assertThat(ImageOps.resize(fitted, 100, 50)).extracting(BgrImage::width, BgrImage::height).containsExactly(100, 50);

    BgrImage crop = ImageOps.crop(fitted, -10, -10, 30, 20);
    assertThat(crop.width()).isEqualTo(20);
    assertThat(crop.height()).isEqualTo(10);
    assertThat(crop.at(5, 5, 1)).isEqualTo(fitted.at(5, 5, 1));
  }

  @Test
  void shouldRejectBytesThatAreNotAnImage() {
    assertThatThrownBy(() -> ImageOps.decode(new byte[] {1, 2, 3, 4}))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Cannot decode 4 bytes");
    assertThatThrownBy(() -> new BgrImage(2, 2, new byte[5]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needs 12 bytes");
    assertThatThrownBy(() -> ImageOps.encodeJpeg(BgrImage.black(2, 2), 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] encodePng(BgrImage image) {
    try (Mat mat = OpenCvMats.toMat(image); org.bytedeco.javacpp.BytePointer out = new org.bytedeco.javacpp.BytePointer()) {
      org.bytedeco.opencv.global.opencv_imgcodecs.imencode(".png", mat, out);
      byte[] bytes = new byte[(int) out.limit()];
      out.get(bytes);
      return bytes;
    }
  }

  private static double meanAbsDiff(BgrImage a, BgrImage b) {
    long sum = 0;
    for (int i = 0; i < a.bgr().length; i++) sum += Math.abs((a.bgr()[i] & 0xff) - (b.bgr()[i] & 0xff));
    return (double) sum / a.bgr().length;
  }
}
