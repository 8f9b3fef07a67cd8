package io.screenalytics.vision.embed;

/** Vector helpers for embeddings. Stateless and thread-safe. */
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
}
