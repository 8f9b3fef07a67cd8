package io.screenalytics.vision.detect;

/**
 * How a source image was fitted into a detector's input: scaled by ({@code scaleX}, {@code scaleY}), then
 * placed at ({@code padLeft}, {@code padTop}) on an {@code inputWidth x inputHeight} canvas. Maps detector
 * coordinates back to source pixels.
 *
 * @param scaleX       input pixels per source pixel, horizontally
 * @param scaleY       input pixels per source pixel, vertically
 * @param padLeft      columns of padding before the image, input pixels
 * @param padTop       rows of padding above the image, input pixels
 * @param inputWidth   width of the tensor fed to the model, pixels
 * @param inputHeight  height of the tensor fed to the model, pixels
 * @param sourceWidth  width of the source image, pixels
 * @param sourceHeight height of the source image, pixels
 */
public record Letterbox(float scaleX, float scaleY, int padLeft, int padTop,
            int inputWidth, int inputHeight, int sourceWidth, int sourceHeight) {

  /** Source x of an input x, pixels. */
  public float toSourceX(float inputX) {
    return (inputX - padLeft) / scaleX;
  }

  /** Source y of an input y, pixels. */
  public float toSourceY(float inputY) {
    return (inputY - padTop) / scaleY;
  }

  /** An input {@code float[4]} x1, y1, x2, y2 box in source pixels, clipped to the source image. */
  public float[] boxToSource(float x1, float y1, float x2, float y2) {
    return new float[] {
        clamp(toSourceX(x1), sourceWidth), clamp(toSourceY(y1), sourceHeight),
        clamp(toSourceX(x2), sourceWidth), clamp(toSourceY(y2), sourceHeight)};
  }

  private static float clamp(float v, int max) {
    return Math.min(Math.max(v, 0f), max);
  }
}
