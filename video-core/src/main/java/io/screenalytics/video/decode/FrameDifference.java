package io.screenalytics.video.decode;

/**
 * What {@link SceneCutDetector} measures between two consecutive decoded frames, inside the active picture area
 * ({@link ActiveArea}: letterbox and pillarbox borders left out), on their YUV 4:2:0 thumbnails.
 */
final class FrameDifference {

  private FrameDifference() {}

  /**
   * The change from {@code before} to {@code t} inside {@code area}: mean absolute difference on 0..255, luma
   * weighted twice against the two chroma planes ((2 x luma + chroma) / 4), and the mean luma of {@code t}; no
   * change (gap 0) for the first frame or after a size change.
   */
  static SceneCutDetector.Signal measure(ActiveArea area, Thumbnail before, Thumbnail t) {
    int top = area.top();
    int bottom = area.bottom(t.height());
    int left = area.left();
    int right = area.right(t.width());
    byte[] a = t.yuv();
    long lumaSum = 0;
    for (int y = top; y < bottom; y++) {
      for (int x = left; x < right; x++) {
        lumaSum += a[y * t.width() + x] & 0xff;
      }
    }
    int pixels = Math.max(1, (bottom - top) * (right - left));
    double luma = (double) lumaSum / pixels;
    if (before == null || before.width() != t.width() || before.height() != t.height()) {
      return new SceneCutDetector.Signal(t.frameIdx(), t.ts(), 0, 0, luma);
    }
    byte[] b = before.yuv();
    long dLuma = 0;
    for (int y = top; y < bottom; y++) {
      int row = y * t.width();
      for (int x = left; x < right; x++) {
        dLuma += Math.abs((a[row + x] & 0xff) - (b[row + x] & 0xff));
      }
    }
    int cw = t.chromaWidth();
    int cbPlane = t.width() * t.height();
    int crPlane = cbPlane + cw * t.chromaHeight();
    long dChroma = 0;
    int chromaPixels = 0;
    for (int y = top / 2; y < (bottom + 1) / 2; y++) {
      for (int x = left / 2; x < (right + 1) / 2; x++) {
        int i = y * cw + x;
        dChroma += Math.abs((a[cbPlane + i] & 0xff) - (b[cbPlane + i] & 0xff))
            + Math.abs((a[crPlane + i] & 0xff) - (b[crPlane + i] & 0xff));
        chromaPixels++;
      }
    }
    double change = (2.0 * dLuma / pixels + (double) dChroma / Math.max(1, chromaPixels)) / 4;
    return new SceneCutDetector.Signal(t.frameIdx(), t.ts(), t.frameIdx() - before.frameIdx(), change, luma);
  }
}
