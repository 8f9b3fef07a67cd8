package io.screenalytics.detecttrack.track;

import java.util.Arrays;

/**
 * Immutable Gaussian state of one track: mean (8) and covariance (8 x 8) over
 * {@code (cx, cy, a, h, vcx, vcy, va, vh)}: centre in pixels, aspect ratio w/h, height in pixels, and their
 * velocities per processed frame.
 */
public final class KalmanState {

  /** State dimension: 4 positions and 4 velocities. */
  public static final int DIM = 8;

  private final double[] mean;
  /** Row-major 8 x 8. */
  private final double[] cov;

  /**
   * Copies a mean vector and a covariance matrix.
   *
   * @param mean       8 values
   * @param covariance 8 x 8 values, symmetric positive definite
   * @throws IllegalArgumentException if a shape is wrong
   */
  public KalmanState(double[] mean, double[][] covariance) {
    if (mean.length != DIM || covariance.length != DIM) {
      throw new IllegalArgumentException("expected mean[8] and covariance[8][8]");
    }
    this.mean = mean.clone();
    this.cov = new double[DIM * DIM];
    for (int r = 0; r < DIM; r++) {
      if (covariance[r].length != DIM) {
        throw new IllegalArgumentException(
            "covariance row " + r + " has " + covariance[r].length + " values");
      }
      System.arraycopy(covariance[r], 0, cov, r * DIM, DIM);
    }
  }

  /** Takes ownership of both arrays (no copy); for the filter's own results. */
  KalmanState(double[] mean, double[] covRowMajor) {
    this.mean = mean;
    this.cov = covRowMajor;
  }

  /**
   * One component of the mean.
   *
   * @param i index 0..7 in {@code (cx, cy, a, h, vcx, vcy, va, vh)}
   * @return the value (pixels, ratio, or their per-frame velocities)
   */
  public double mean(int i) {
    return mean[i];
  }

  /**
   * One covariance entry.
   *
   * @param row 0..7
   * @param col 0..7
   * @return the entry
   */
  public double covariance(int row, int col) {
    return cov[row * DIM + col];
  }

  /** A copy of the mean, 8 values. */
  public double[] meanVector() {
    return mean.clone();
  }

  /** A copy of the covariance, 8 x 8. */
  public double[][] covarianceMatrix() {
    double[][] out = new double[DIM][];
    for (int r = 0; r < DIM; r++) {
      out[r] = Arrays.copyOfRange(cov, r * DIM, r * DIM + DIM);
    }
    return out;
  }

  /**
   * This state with one mean component replaced (the tracker zeroes {@code vh}, index 7, of tracks that are
   * not in state Tracked before predicting).
   *
   * @param i     index 0..7
   * @param value new value
   * @return a new state sharing nothing mutable with this one
   */
  public KalmanState withMean(int i, double value) {
    double[] m = mean.clone();
    m[i] = value;
    return new KalmanState(m, cov);
  }

  /** The position part of the mean as a measurement-space box. */
  public Xyah position() {
    return new Xyah(mean[0], mean[1], mean[2], mean[3]);
  }

  /** The box of the mean, pixels (see {@link Xyah#toBox()}). */
  public BBox toBox() {
    return position().toBox();
  }

  double[] meanRef() {
    return mean;
  }

  double[] covRef() {
    return cov;
  }

  @Override
  public String toString() {
    return "KalmanState" + Arrays.toString(mean);
  }
}
