package io.screenalytics.voice.model;

import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.frontend.FrontEndSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The GE2E speaker encoder in batched calls: {@code float[160 * 40]} mel windows in, {@code float[256]} unit
 * vectors out. Session through {@link OnnxModel} (denormals, runner thread). Thread-safe (calls run one at a time
 * on the model's runner); close it with its owner.
 */
public final class SpeakerEncoder implements AutoCloseable {

  private final OnnxModel model;
  private final int batchSize;
  private final AtomicLong calls = new AtomicLong();

  /**
   * @param model     an open session of {@link ModelCatalog#GE2E} (or a compatible model: same input and output names)
   * @param batchSize windows per model call, {@code >= 1} (32 measured best, see {@code MODELS.md})
   */
  public SpeakerEncoder(OnnxModel model, int batchSize) {
    if (batchSize < 1) throw new IllegalArgumentException("batch size must be >= 1, was " + batchSize);
    this.model = model;
    this.batchSize = batchSize;
  }

  /**
   * Opens {@link ModelCatalog#GE2E} from the locator (sha256 checked).
   *
   * @throws io.screenalytics.vision.model.ModelException when the model is missing, altered or cannot be opened
   */
  public static SpeakerEncoder open(ModelLocator locator, SessionSettings settings, int batchSize) {
    return new SpeakerEncoder(OnnxModel.open(locator, ModelCatalog.GE2E, settings), batchSize);
  }

  /** The model's spec (name, sha256, licence) for caches and manifests. */
  public ModelSpec spec() {
    return model.spec();
  }

  /** Windows per call. */
  public int batchSize() {
    return batchSize;
  }

  /** Model calls made so far. */
  public long calls() {
    return calls.get();
  }

  /**
   * Embeds windows, {@link #batchSize()} per model call.
   *
   * @param windows {@code float[160 * 40]} each (frame-major mel power)
   * @return {@code float[N][256]} in input order
   * @throws IllegalArgumentException when a window has the wrong length
   * @throws io.screenalytics.vision.model.InferenceException when the model fails
   */
  public List<float[]> embed(List<float[]> windows) {
    int per = FrontEndSpec.PARTIAL_FRAMES * FrontEndSpec.MELS;
    int dim = FrontEndSpec.EMBEDDING_DIM;
    List<float[]> out = new ArrayList<>(windows.size());
    for (int from = 0; from < windows.size(); from += batchSize) {
      int n = Math.min(batchSize, windows.size() - from);
      float[] input = new float[n * per];
      for (int i = 0; i < n; i++) {
        float[] w = windows.get(from + i);
        if (w.length != per) {
          throw new IllegalArgumentException("window " + (from + i) + " holds " + w.length + " values, not " + per);
        }
        System.arraycopy(w, 0, input, i * per, per);
      }
      FloatTensor result = model.run(new FloatTensor(input, new long[] {n, FrontEndSpec.PARTIAL_FRAMES,
          FrontEndSpec.MELS})).get(model.spec().outputNames().get(0));
      calls.incrementAndGet();
      float[] data = result.data();
      for (int i = 0; i < n; i++) {
        float[] e = new float[dim];
        System.arraycopy(data, i * dim, e, 0, dim);
        out.add(e);
      }
    }
    return out;
  }

  /**
   * Resemblyzer's utterance embedding: the L2-normalised mean of the partial embeddings.
   *
   * @param partials {@code float[P][160 * 40]} from {@link io.screenalytics.voice.frontend.Partials#of(float[])}
   * @return {@code float[256]}
   */
  public float[] utterance(List<float[]> partials) {
    return Vectors.meanNormalised(embed(partials));
  }

  @Override public void close() {
    model.close();
  }
}
