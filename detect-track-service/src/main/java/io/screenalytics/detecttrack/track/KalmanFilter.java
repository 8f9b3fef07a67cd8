package io.screenalytics.detecttrack.track;

import java.util.ArrayList;
import java.util.List;

/**
 * Constant-velocity Kalman filter on {@code (cx, cy, a, h)} with velocities, as in DeepSORT (N. Wojke et
 * al., "Simple Online and Realtime Tracking with a Deep Association Metric", ICIP 2017) and the ByteTrack
 * reference {@code yolox/tracker/kalman_filter.py}. The time step is one processed frame.
 *
 * <p>Noise is proportional to the box height {@code h} (pixels): position std {@code h/20}, velocity std
 * {@code h/160}; the aspect ratio gets fixed stds ({@code 1e-2} process, {@code 1e-5} velocity process,
 * {@code 1e-1} measurement). Process noise uses the height of the mean before prediction; the initial state
 * uses {@code 2*h/20} and {@code 10*h/160}. The update solves with a Cholesky factor of the innovation
 * covariance, as the reference does with {@code scipy.linalg.cho_factor}.
 *
 * <p>Stateless and thread-safe: every method returns a new {@link KalmanState}.
 */
public final class KalmanFilter {

  /** Position std per pixel of height (reference {@code _std_weight_position = 1/20}). */
  public static final double STD_WEIGHT_POSITION = 1.0 / 20;
  /** Velocity std per pixel of height (reference {@code _std_weight_velocity = 1/160}). */
  public static final double STD_WEIGHT_VELOCITY = 1.0 / 160;

  private static final int N = KalmanState.DIM;
  private static final int M = 4;

  /**
   * Starts a track from an unassociated measurement, with zero velocity.
   *
   * @param z measurement (pixels, ratio)
   * @return mean {@code (z, 0, 0, 0, 0)} with diagonal covariance
   */
  public KalmanState initiate(Xyah z) {
    double h = z.height();
    double[] mean = {z.cx(), z.cy(), z.aspect(), h, 0, 0, 0, 0};
    double p = 2 * STD_WEIGHT_POSITION * h;
    double v = 10 * STD_WEIGHT_VELOCITY * h;
    double[] std = {p, p, 1e-2, p, v, v, 1e-5, v};
    double[] cov = new double[N * N];
    for (int i = 0; i < N; i++) {
      cov[i * N + i] = std[i] * std[i];
    }
    return new KalmanState(mean, cov);
  }

  /**
   * Prediction step: {@code mean' = F mean}, {@code P' = F P F^T + Q(h)}.
   *
   * @param s state at the previous processed frame
   * @return predicted state at this frame
   */
  public KalmanState predict(KalmanState s) {
    double[] m = s.meanRef();
    double[] p = s.covRef();
    double h = m[3];
    double sp = STD_WEIGHT_POSITION * h;
    double sv = STD_WEIGHT_VELOCITY * h;
    double[] q = {sp * sp, sp * sp, 1e-2 * 1e-2, sp * sp, sv * sv, sv * sv, 1e-5 * 1e-5, sv * sv};

    double[] mean = new double[N];
    for (int i = 0; i < M; i++) {
      mean[i] = m[i] + m[i + M];
      mean[i + M] = m[i + M];
    }
    // F = [[I, I], [0, I]]: (F P)[i][j] = P[i][j] + P[i+4][j] for i < 4, then (F P F^T)[i][j] likewise on j.
    double[] fp = new double[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        fp[i * N + j] = i < M ? p[i * N + j] + p[(i + M) * N + j] : p[i * N + j];
      }
    }
    double[] cov = new double[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        cov[i * N + j] = j < M ? fp[i * N + j] + fp[i * N + j + M] : fp[i * N + j];
      }
      cov[i * N + i] += q[i];
    }
    return new KalmanState(mean, cov);
  }

  /**
   * Prediction for several tracks at once (reference {@code multi_predict}); the same as calling
   * {@link #predict} on each.
   *
   * @param states states at the previous processed frame
   * @return predicted states, in the same order
   */
  public List<KalmanState> multiPredict(List<KalmanState> states) {
    List<KalmanState> out = new ArrayList<>(states.size());
    for (KalmanState s : states) {
      out.add(predict(s));
    }
    return out;
  }

  /**
   * Correction step with measurement {@code z}: {@code S = H P H^T + R(h)}, {@code K = P H^T S^-1},
   * {@code mean' = mean + K (z - H mean)}, {@code P' = P - K S K^T}. {@code R} uses the predicted height.
   *
   * @param s predicted state
   * @param z measurement (pixels, ratio)
   * @return corrected state
   * @throws IllegalStateException if the innovation covariance is not positive definite
   */
  public KalmanState update(KalmanState s, Xyah z) {
    double[] m = s.meanRef();
    double[] p = s.covRef();
    double sp = STD_WEIGHT_POSITION * m[3];
    double[] r = {sp * sp, sp * sp, 1e-1 * 1e-1, sp * sp};
    // projection: H = [I 0], so S = P[0:4, 0:4] + R
    double[] innovCov = new double[M * M];
    for (int i = 0; i < M; i++) {
      for (int j = 0; j < M; j++) {
        innovCov[i * M + j] = p[i * N + j];
      }
      innovCov[i * M + i] += r[i];
    }
    double[] chol = cholesky(innovCov);
    // K^T = S^-1 (P H^T)^T, solved column by column of (P H^T)^T (that is, row by row of P[:, 0:4]).
    double[] gain = new double[N * M];
    double[] rhs = new double[M];
    for (int i = 0; i < N; i++) {
      for (int k = 0; k < M; k++) {
        rhs[k] = p[i * N + k];
      }
      double[] sol = choleskySolve(chol, rhs);
      System.arraycopy(sol, 0, gain, i * M, M);
    }
    double[] innovation = {z.cx() - m[0], z.cy() - m[1], z.aspect() - m[2], z.height() - m[3]};
    double[] mean = new double[N];
    for (int i = 0; i < N; i++) {
      double acc = 0;
      for (int k = 0; k < M; k++) {
        acc += innovation[k] * gain[i * M + k];
      }
      mean[i] = m[i] + acc;
    }
    // K S
    double[] ks = new double[N * M];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < M; j++) {
        double acc = 0;
        for (int k = 0; k < M; k++) {
          acc += gain[i * M + k] * innovCov[k * M + j];
        }
        ks[i * M + j] = acc;
      }
    }
    double[] cov = new double[N * N];
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double acc = 0;
        for (int k = 0; k < M; k++) {
          acc += ks[i * M + k] * gain[j * M + k];
        }
        cov[i * N + j] = p[i * N + j] - acc;
      }
    }
    return new KalmanState(mean, cov);
  }

  /** Lower Cholesky factor of a 4 x 4 symmetric positive definite matrix (row-major). */
  private static double[] cholesky(double[] a) {
    double[] l = new double[M * M];
    for (int i = 0; i < M; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i * M + j];
        for (int k = 0; k < j; k++) {
          sum -= l[i * M + k] * l[j * M + k];
        }
        if (i == j) {
          if (!(sum > 0)) {
            throw new IllegalStateException("innovation covariance is not positive definite");
          }
          l[i * M + i] = Math.sqrt(sum);
        } else {
          l[i * M + j] = sum / l[j * M + j];
        }
      }
    }
    return l;
  }

  /** Solves {@code L L^T x = b} by forward then back substitution. */
  private static double[] choleskySolve(double[] l, double[] b) {
    double[] y = new double[M];
    for (int i = 0; i < M; i++) {
      double sum = b[i];
      for (int k = 0; k < i; k++) {
        sum -= l[i * M + k] * y[k];
      }
      y[i] = sum / l[i * M + i];
    }
    double[] x = new double[M];
    for (int i = M - 1; i >= 0; i--) {
      double sum = y[i];
      for (int k = i + 1; k < M; k++) {
        sum -= l[k * M + i] * x[k];
      }
      x[i] = sum / l[i * M + i];
    }
    return x;
  }
}
