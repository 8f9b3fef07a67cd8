package io.screenalytics.vision.embed;

/**
 * The one home of vector maths on embeddings ({@code float[D]}): norms, normalising, dot products and cosine,
 * accumulating in double precision. Stateless and thread-safe.
 */
public final class Embeddings {

  private Embeddings() {
  }

  /** Euclidean norm. */
  public static double norm(float[] v) {
    double s = 0;
    for (float x : v) s += (double) x * x;
    return Math.sqrt(s);
  }

  /**
   * Divides by the Euclidean norm in place.
   *
   * @return {@code v}
   * @throws IllegalArgumentException when the norm is zero or not finite (a degenerate output)
   */
  public static float[] l2NormaliseInPlace(float[] v) {
    double n = norm(v);
    if (!(n > 0) || !Double.isFinite(n)) throw new IllegalArgumentException("Vector norm is " + n + ": cannot normalise");
    for (int i = 0; i < v.length; i++) v[i] = (float) (v[i] / n);
    return v;
  }

  /** Cosine similarity, -1..1; for L2-normalised vectors the dot product. */
  public static float cosine(float[] a, float[] b) {
    if (a.length != b.length) throw new IllegalArgumentException("Dimensions differ: " + a.length + " vs " + b.length);
    double dot = 0;
    for (int i = 0; i < a.length; i++) dot += (double) a[i] * b[i];
    double n = norm(a) * norm(b);
    return n == 0 ? 0f : (float) (dot / n);
  }

  /** Largest absolute element-wise difference. */
  public static float maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) throw new IllegalArgumentException("Dimensions differ: " + a.length + " vs " + b.length);
    float m = 0;
    for (int i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
    return m;
  }

  /**
   * Dot product; for L2-normalised vectors this is the cosine similarity, -1..1.
   *
   * @throws IllegalArgumentException when the lengths differ
   */
  public static double dot(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException("dimension mismatch: " + a.length + " vs " + b.length);
    }
    // four independent accumulators let the CPU overlap the adds; the summation order is fixed,
    // so results are reproducible
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int i = 0;
    for (int end = a.length - 3; i < end; i += 4) {
      s0 += (double) a[i] * b[i];
      s1 += (double) a[i + 1] * b[i + 1];
      s2 += (double) a[i + 2] * b[i + 2];
      s3 += (double) a[i + 3] * b[i + 3];
    }
    for (; i < a.length; i++) {
      s0 += (double) a[i] * b[i];
    }
    return (s0 + s1) + (s2 + s3);
  }

  /**
   * A unit-length float copy of {@code v}.
   *
   * @throws IllegalArgumentException when {@code v} has zero or non-finite norm
   */
  public static float[] normalised(double[] v) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0) || Double.isInfinite(norm)) {
      throw new IllegalArgumentException("cannot normalise a vector of norm " + norm);
    }
    float[] out = new float[v.length];
    for (int i = 0; i < v.length; i++) {
      out[i] = (float) (v[i] / norm);
    }
    return out;
  }

  /** A unit-length copy of {@code v} (see {@link #normalised(double[])}). */
  public static float[] normalised(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = v[i];
    }
    return normalised(d);
  }

  /**
   * {@code normalised(v)}, or {@code normalised(fallback)} when {@code v} has zero norm (a weighted
   * sum of opposite vectors), so one degenerate input cannot fail a whole episode.
   */
  public static float[] normalisedOr(double[] v, float[] fallback) {
    double norm = 0;
    for (double x : v) {
      norm += x * x;
    }
    return norm > 0 && !Double.isInfinite(norm) ? normalised(v) : normalised(fallback);
  }

  /** {@code acc += w * v}, element-wise. */
  public static void addScaled(double[] acc, float[] v, double w) {
    for (int i = 0; i < acc.length; i++) {
      acc[i] += w * v[i];
    }
  }
}
