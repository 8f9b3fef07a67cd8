package io.screenalytics.decoder.publish;

/**
 * The clockwise quarter turn that makes a video's coded frames upright, as a player shows them.
 *
 * <p>A file's display matrix says how to rotate the coded picture for display. FFmpeg reports it as a
 * counter-clockwise angle ({@code av_display_rotation_get}, ffprobe's {@code rotation}, {@link
 * io.screenalytics.video.decode.VideoInfo#rotationDegrees()}); the ffmpeg CLI (its default {@code
 * -autorotate}) and players turn the picture by that angle counter-clockwise, so the clockwise turn is its
 * negation. Checked against the ffmpeg CLI on files with rotation 90, -90 and 180: a mark at the top left of
 * the coded picture is shown at the bottom left, top right and bottom right respectively, as here.
 */
public enum Rotation {
  /** Already upright. */
  NONE(0),
  /** Turn 90 degrees clockwise (display matrix rotation -90: portrait phone footage). */
  CLOCKWISE_90(90),
  /** Turn upside down. */
  CLOCKWISE_180(180),
  /** Turn 90 degrees counter-clockwise (display matrix rotation 90). */
  CLOCKWISE_270(270);

  private final int degrees;

  Rotation(int degrees) {
    this.degrees = degrees;
  }

  /** The clockwise turn in degrees: 0, 90, 180 or 270. */
  public int degrees() {
    return degrees;
  }

  /** Whether the turn swaps width and height. */
  public boolean swapsSides() {
    return this == CLOCKWISE_90 || this == CLOCKWISE_270;
  }

  /**
   * The turn that makes frames upright for a display-matrix rotation.
   *
   * @param counterClockwiseDegrees FFmpeg's display rotation in degrees, counter-clockwise, any finite value
   *     (0 when the file has none); angles that are not quarter turns are rounded to the nearest one
   * @throws IllegalArgumentException if the angle is NaN or infinite
   */
  public static Rotation fromDisplayRotation(double counterClockwiseDegrees) {
    if (!Double.isFinite(counterClockwiseDegrees)) {
      throw new IllegalArgumentException("display rotation must be finite, was " + counterClockwiseDegrees);
    }
    long quarters = Math.round(-counterClockwiseDegrees / 90.0);
    return values()[(int) Math.floorMod(quarters, 4L)];
  }

  /** Whether the angle is a whole number of quarter turns (within 0.5 degrees). */
  public static boolean isQuarterTurn(double degrees) {
    double rest = Math.abs(degrees - 90.0 * Math.round(degrees / 90.0));
    return rest <= 0.5;
  }
}
