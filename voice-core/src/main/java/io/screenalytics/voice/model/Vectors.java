package io.screenalytics.voice.model;

import io.screenalytics.vision.embed.Embeddings;
import java.util.List;

/** Means of embeddings. Stateless. */
public final class Vectors {

  private Vectors() {
  }

  /**
   * The L2-normalised mean of equal-length vectors.
   *
   * @throws IllegalArgumentException when the list is empty or the mean is zero
   */
  public static float[] meanNormalised(List<float[]> vectors) {
    if (vectors.isEmpty()) throw new IllegalArgumentException("no vectors to average");
    float[] mean = new float[vectors.get(0).length];
    for (float[] v : vectors) {
      for (int i = 0; i < mean.length; i++) mean[i] += v[i];
    }
    return Embeddings.l2NormaliseInPlace(mean);
  }
}
