package io.screenalytics.vision.detect;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import io.screenalytics.vision.model.ChannelOrder;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelSpec;
import java.util.Arrays;

/**
 * Fits an image into a detector's input canvas and normalises it: the image is scaled down (never up) so that
 * it fits inside {@code canvasWidth x canvasHeight} keeping its aspect ratio, placed at the top-left corner,
 * and the rest is black padding (pixel value 0 before normalisation), as InsightFace's SCRFD reference
 * ({@code scrfd.py}, {@code det_img[:new_height, :new_width] = resized_img}) does.
 *
 * <p>Each plane is {@code (pixel - mean[c]) / std[c]} with {@code c} in the spec's {@link ChannelOrder}.
 * Pure Java apart from the OpenCV resize; stateless and thread-safe.
 */
final class Canvas {

  private Canvas() {
  }

  /**
   * The {@code float[1][3][canvasHeight][canvasWidth]} tensor of {@code image} and its letterbox.
   *
   * @param spec supplies mean, std and channel order
   * @throws IllegalArgumentException when a canvas side is below 1
   */
  static DetectorInput fit(BgrImage image, int canvasWidth, int canvasHeight, ModelSpec spec) {
    if (canvasWidth < 1 || canvasHeight < 1) {
      throw new IllegalArgumentException("Canvas must be at least 1x1, was " + canvasWidth + "x" + canvasHeight);
    }
    double scale = Math.min(1.0, Math.min((double) canvasWidth / image.width(), (double) canvasHeight / image.height()));
    int w = Math.max(1, Math.min(canvasWidth, (int) Math.round(image.width() * scale)));
    int h = Math.max(1, Math.min(canvasHeight, (int) Math.round(image.height() * scale)));
    BgrImage scaled = ImageOps.resize(image, w, h);
    float[] data = new float[3 * canvasWidth * canvasHeight];
    int plane = canvasWidth * canvasHeight;
    boolean rgb = spec.image().channelOrder() == ChannelOrder.RGB;
    float[] mean = spec.image().mean();
    float[] inv = {1f / spec.image().stdOf(0), 1f / spec.image().stdOf(1), 1f / spec.image().stdOf(2)};
    // padding: pixel 0 normalised
    for (int c = 0; c < 3; c++) {
      float pad = -mean[c] * inv[c];
      if (pad != 0f) Arrays.fill(data, c * plane, (c + 1) * plane, pad);
    }
    byte[] bgr = scaled.bgr();
    // source byte offset of each tensor plane: BGR input order is 0, 1, 2; RGB is 2, 1, 0
    int[] src = rgb ? new int[] {2, 1, 0} : new int[] {0, 1, 2};
    for (int y = 0; y < h; y++) {
      int s = y * w * 3;
      int d = y * canvasWidth;
      for (int x = 0; x < w; x++, s += 3, d++) {
        data[d] = ((bgr[s + src[0]] & 0xff) - mean[0]) * inv[0];
        data[plane + d] = ((bgr[s + src[1]] & 0xff) - mean[1]) * inv[1];
        data[2 * plane + d] = ((bgr[s + src[2]] & 0xff) - mean[2]) * inv[2];
      }
    }
    Letterbox lb = new Letterbox((float) w / image.width(), (float) h / image.height(), 0, 0,
        canvasWidth, canvasHeight, image.width(), image.height());
    return new DetectorInput(new FloatTensor(data, new long[] {1, 3, canvasHeight, canvasWidth}), lb);
  }
}
