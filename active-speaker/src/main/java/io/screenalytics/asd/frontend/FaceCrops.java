package io.screenalytics.asd.frontend;

import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The face side of Light-ASD's front end (the repository's {@code Columbia_test.py} {@code crop_video}; steps in
 * {@code shared/models/asd/reference/reference.json}): one face track at 25 frames a second to gray
 * {@value #SIZE}x{@value #SIZE} crops, values 0..255.
 * <ol>
 *   <li>per frame, {@code s = max(w, h) / 2} of the box and its centre; each median-filtered over
 *       {@value #SMOOTHING} frames of the track, zero-padded at both ends as {@code scipy.signal.medfilt} does (so
 *       the first and last 6 frames see zeros);</li>
 *   <li>the frame padded by {@code int(1.8 s)} on every side with gray {@value #PAD_VALUE}; rows
 *       {@code [cy - s, cy + 1.8 s)} and columns {@code [cx - 1.4 s, cx + 1.4 s)} cut (bounds truncated to
 *       integers in the padded frame);</li>
 *   <li>resized to 224x224 (bilinear), converted to gray (OpenCV's BGR weights 0.114, 0.587, 0.299 in 14-bit fixed
 *       point), rows and columns 56..167 kept.</li>
 * </ol>
 * Stateless and thread-safe.
 */
public final class FaceCrops {

  /** Side of a crop in pixels. */
  public static final int SIZE = 112;
  /** Frames of the median filter over the track's box centre and size. */
  public static final int SMOOTHING = 13;
  /** Shortest track that can be cropped: more than half of the median filter's window must be frames. */
  public static final int MIN_FRAMES = SMOOTHING / 2 + 1;
  /** Gray level of the padding around the frame. */
  public static final int PAD_VALUE = 110;
  /** Side the crop is resized to before its centre {@value #SIZE} is kept. */
  private static final int RESIZED = 224;

  private FaceCrops() {
  }

  /**
   * The smoothed crop windows of a track.
   *
   * @param boxes one box per video frame of the track, in order
   * @return one window per box
   */
  public static List<CropWindow> smooth(List<TrackBox> boxes) {
    int n = boxes.size();
    float[] s = new float[n];
    float[] cx = new float[n];
    float[] cy = new float[n];
    for (int i = 0; i < n; i++) {
      TrackBox b = boxes.get(i);
      s[i] = Math.max(b.w(), b.h()) / 2;
      cx[i] = b.x() + b.w() / 2;
      cy[i] = b.y() + b.h() / 2;
    }
    float[] ms = medfilt(s, SMOOTHING);
    float[] mx = medfilt(cx, SMOOTHING);
    float[] my = medfilt(cy, SMOOTHING);
    List<CropWindow> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) out.add(new CropWindow(mx[i], my[i], ms[i]));
    return out;
  }

  /**
   * Crops of a whole track: {@link #smooth} then {@link #crop} per frame.
   *
   * @param frames the track's video frames at 25 frames a second
   * @param boxes  one face box per frame
   * @return {@code byte[frames][112 * 112]} gray crops, row-major
   * @throws IllegalArgumentException when the lists differ in length, or the track is shorter than
   *     {@value #MIN_FRAMES} frames (the zero-padded median of 13 is then 0 everywhere: no crop; the repository
   *     skips tracks under 10 frames)
   */
  public static byte[][] track(List<BgrImage> frames, List<TrackBox> boxes) {
    if (frames.size() != boxes.size()) {
      throw new IllegalArgumentException(frames.size() + " frames for " + boxes.size() + " boxes");
    }
    if (boxes.size() < MIN_FRAMES) {
      throw new IllegalArgumentException("a face track needs at least " + MIN_FRAMES + " frames, had " + boxes.size());
    }
    List<CropWindow> windows = smooth(boxes);
    byte[][] out = new byte[frames.size()][];
    for (int i = 0; i < out.length; i++) out[i] = crop(frames.get(i), windows.get(i));
    return out;
  }

  /**
   * One frame's gray crop.
   *
   * @param frame  the video frame
   * @param window where to cut, from {@link #smooth}
   * @return {@code byte[112 * 112]} gray levels, row-major
   * @throws IllegalArgumentException when the window is empty (a half-size under 1 pixel)
   */
  public static byte[] crop(BgrImage frame, CropWindow window) {
    double s = window.s();
    int pad = (int) (s * 1.8);
    double my = window.cy() + pad;
    double mx = window.cx() + pad;
    int top = (int) (my - s);
    int bottom = (int) (my + s * 1.8);
    int left = (int) (mx - s * 1.4);
    int right = (int) (mx + s * 1.4);
    int paddedW = frame.width() + 2 * pad;
    int paddedH = frame.height() + 2 * pad;
    top = Math.max(0, top);
    left = Math.max(0, left);
    bottom = Math.min(paddedH, bottom);
    right = Math.min(paddedW, right);
    if (bottom <= top || right <= left) {
      throw new IllegalArgumentException("empty face crop for " + window + " in a " + frame.width() + "x"
          + frame.height() + " frame");
    }
    BgrImage cut = cutPadded(frame, pad, left, top, right - left, bottom - top);
    BgrImage resized = ImageOps.resizeBilinear(cut, RESIZED, RESIZED);
    int from = (RESIZED - SIZE) / 2;
    byte[] out = new byte[SIZE * SIZE];
    byte[] bgr = resized.bgr();
    for (int r = 0; r < SIZE; r++) {
      int p = ((r + from) * RESIZED + from) * 3;
      for (int c = 0; c < SIZE; c++, p += 3) {
        out[r * SIZE + c] = (byte) gray(bgr[p] & 0xff, bgr[p + 1] & 0xff, bgr[p + 2] & 0xff);
      }
    }
    return out;
  }

  /** OpenCV's {@code COLOR_BGR2GRAY} for 8-bit images: 14-bit fixed-point weights, rounded. */
  static int gray(int b, int g, int r) {
    return (b * 1868 + g * 9617 + r * 4899 + (1 << 13)) >> 14;
  }

  /** Rectangle {@code [left, left + w) x [top, top + h)} of the frame padded by {@code pad} with gray 110. */
  private static BgrImage cutPadded(BgrImage frame, int pad, int left, int top, int w, int h) {
    byte[] out = new byte[w * h * 3];
    Arrays.fill(out, (byte) PAD_VALUE);
    byte[] src = frame.bgr();
    for (int r = 0; r < h; r++) {
      int y = top + r - pad;
      if (y < 0 || y >= frame.height()) continue;
      int x0 = Math.max(0, left - pad);
      int x1 = Math.min(frame.width(), left + w - pad);
      if (x1 <= x0) continue;
      System.arraycopy(src, (y * frame.width() + x0) * 3, out, (r * w + x0 - (left - pad)) * 3, (x1 - x0) * 3);
    }
    return new BgrImage(w, h, out);
  }

  /**
   * {@code scipy.signal.medfilt(values, window)}: the median of the {@code window} values centred on each index,
   * zeros standing in beyond both ends.
   */
  static float[] medfilt(float[] values, int window) {
    int half = window / 2;
    float[] out = new float[values.length];
    float[] buf = new float[window];
    for (int i = 0; i < values.length; i++) {
      for (int k = 0; k < window; k++) {
        int j = i - half + k;
        buf[k] = j < 0 || j >= values.length ? 0 : values[j];
      }
      Arrays.sort(buf);
      out[i] = buf[half];
    }
    return out;
  }
}
