package io.screenalytics.vision.embed;

import io.screenalytics.vision.model.ChannelOrder;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.InferenceException;
import io.screenalytics.vision.model.ModelException;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxBatchRewriter;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds aligned 112x112 face crops into L2-normalised vectors ({@code float[N][D]}, D = 512 for fr_feature).
 *
 * <p>Pre-processing from the {@link ModelSpec}: planes in its channel order, {@code (x - mean) / std}
 * (fr_feature: RGB, {@code (x - 127) / 128}, per {@code shared/models/MODELS.md}).
 *
 * <p>Batching: the bundled graphs fix the batch at 1. On opening, the graph is rewritten with a symbolic batch
 * ({@link OnnxBatchRewriter}) and the rewrite is accepted only if a batch of synthetic crops gives the same
 * vectors as one run per crop (max abs difference {@value #BATCH_TOLERANCE}); otherwise the original graph runs
 * once per crop inside each batch call. {@link #batchMode()} says which is active.
 *
 * <p>Owns a native session: one per worker, closed when done; not meant to be shared across threads.
 */
public final class FaceEmbedder implements AutoCloseable {

  /** Largest difference allowed between batched and per-crop outputs when verifying a batch rewrite. */
  public static final float BATCH_TOLERANCE = 1e-4f;
  /** Default crops per session run (PLATFORM.md: ms/face plateaus at batch 8-16). */
  public static final int DEFAULT_MAX_BATCH = 16;

  private static final Logger LOG = LoggerFactory.getLogger(FaceEmbedder.class);

  private final OnnxModel model;
  private final ModelSpec spec;
  private final BatchMode batchMode;
  private final String batchModeDetail;
  private final int maxBatch;
  private final String outputName;
  private long runs;

  private FaceEmbedder(OnnxModel model, BatchMode mode, String detail, int maxBatch) {
    this.model = model;
    this.spec = model.spec();
    this.batchMode = mode;
    this.batchModeDetail = detail;
    this.maxBatch = maxBatch;
    this.outputName = spec.outputNames().get(0);
  }

  /**
   * Loads (hash-checked) and opens an embedder, making batching real when the graph allows it.
   *
   * @param maxBatch crops per session run in {@link BatchMode#NATIVE} mode (bounds memory), at least 1
   * @param wanted   {@link BatchMode#NATIVE} to try the batch rewrite (falling back when it fails),
   *                 {@link BatchMode#PER_FACE} to run the original graph once per crop
   * @throws io.screenalytics.vision.model.ModelException when the model is missing, corrupt or cannot be opened
   */
  public static FaceEmbedder open(ModelLocator locator, ModelSpec spec, SessionSettings session, int maxBatch,
                  BatchMode wanted) {
    if (maxBatch < 1) throw new IllegalArgumentException("maxBatch must be >= 1, was " + maxBatch);
    if (spec.outputDim() < 1) throw new IllegalArgumentException("Model '" + spec.name() + "' declares no embedding size (outputDim)");
    byte[] original = locator.load(spec);
    String reason = wanted == BatchMode.PER_FACE ? "one run per face requested" : null;
    if (reason == null) {
      try {
        Attempt attempt = tryNativeBatching(spec, original, session, maxBatch);
        if (attempt.embedder() != null) return attempt.embedder();
        reason = attempt.failure();
      } catch (IllegalArgumentException | ModelException e) {
        reason = "batch rewrite failed: " + e.getMessage();
      }
    }
    OnnxModel perFace = OnnxModel.fromBytes(spec, original, session); // throws when the provider is unavailable
    LOG.info("Embedder '{}': one run per face ({})", spec.name(), reason);
    return new FaceEmbedder(perFace, BatchMode.PER_FACE, reason, maxBatch);
  }

  /** {@link #open(ModelLocator, ModelSpec, SessionSettings, int, BatchMode)} trying native batching. */
  public static FaceEmbedder open(ModelLocator locator, ModelSpec spec, SessionSettings session, int maxBatch) {
    return open(locator, spec, session, maxBatch, BatchMode.NATIVE);
  }

  /** {@link #open(ModelLocator, ModelSpec, SessionSettings, int)} with {@link #DEFAULT_MAX_BATCH}. */
  public static FaceEmbedder open(ModelLocator locator, ModelSpec spec, SessionSettings session) {
    return open(locator, spec, session, DEFAULT_MAX_BATCH);
  }

  /** Either a verified NATIVE embedder or why there is none. */
  private record Attempt(FaceEmbedder embedder, String failure) {
  }

  private static Attempt tryNativeBatching(ModelSpec spec, byte[] original, SessionSettings session, int maxBatch) {
    OnnxBatchRewriter.Result rewrite = OnnxBatchRewriter.rewrite(original);
    boolean alreadyDynamic = !rewrite.changed() && isDynamic(spec, original, session);
    if (!rewrite.changed() && !alreadyDynamic) {
      return new Attempt(null, "graph batch dimension could not be made symbolic (" + rewrite + ")");
    }
    String detail = alreadyDynamic ? "graph has a symbolic batch" : "batch dimension rewritten (" + rewrite + ")";
    FaceEmbedder embedder = new FaceEmbedder(OnnxModel.fromBytes(spec, alreadyDynamic ? original : rewrite.model(), session),
        BatchMode.NATIVE, detail, maxBatch);
    String mismatch;
    try {
      mismatch = embedder.verifyBatching();
    } catch (RuntimeException e) {
      embedder.close();
      throw e;
    }
    if (mismatch == null) {
      LOG.info("Embedder '{}': native batching ({})", spec.name(), detail);
      return new Attempt(embedder, null);
    }
    embedder.close();
    return new Attempt(null, "batched outputs differ from per-face outputs: " + mismatch);
  }

  private static boolean isDynamic(ModelSpec spec, byte[] bytes, SessionSettings session) {
    try (OnnxModel probe = OnnxModel.fromBytes(spec, bytes, session)) {
      return probe.inputShape(spec.inputName())[0] < 0;
    }
  }

  /** Compares a batch of synthetic crops with per-crop runs; null when equal within tolerance, else why not. */
  private String verifyBatching() {
    List<byte[]> probes = new ArrayList<>();
    for (int k = 0; k < 3; k++) probes.add(SyntheticCrops.crop(spec.image().width(), spec.image().height(), k));
    try {
      float[][] batched = postprocess(model.run(preprocess(probes)), probes.size());
      for (int i = 0; i < probes.size(); i++) {
        float[] single = postprocess(model.run(preprocess(List.of(probes.get(i)))), 1)[0];
        float diff = Embeddings.maxAbsDiff(batched[i], single);
        if (diff > BATCH_TOLERANCE) return "crop " + i + " max abs difference " + diff;
      }
      return null;
    } catch (InferenceException e) {
      return e.getMessage();
    }
  }

  /**
   * Embeds a batch of aligned crops.
   *
   * @param crops packed BGR24 crops of {@code inputWidth x inputHeight} (112x112) pixels each
   * @return {@code float[N][D]}, each row L2-normalised, in input order; {@code float[0][]} for no crops
   * @throws IllegalArgumentException when a crop has the wrong size
   * @throws DegenerateEmbeddingException when a crop's output has zero or non-finite norm ({@link
   *                                  DegenerateEmbeddingException#cropIndex()} names it): degenerate vectors are never returned
   * @throws InferenceException       when the model fails (naming model and input shape)
   */
  public float[][] embed(List<byte[]> crops) {
    Objects.requireNonNull(crops, "crops");
    float[][] out = new float[crops.size()][];
    int chunk = chunkSize(crops.size());
    for (int from = 0; from < crops.size(); from += chunk) {
      List<byte[]> part = crops.subList(from, Math.min(crops.size(), from + chunk));
      float[][] vectors;
      try {
        runs++;
        vectors = postprocess(model.run(preprocess(part)), part.size());
      } catch (DegenerateEmbeddingException e) {
        throw new DegenerateEmbeddingException(from + e.cropIndex(), "Embedding crop " + (from + e.cropIndex()) + ": " + e.getMessage());
      } catch (InferenceException e) {
        throw new InferenceException("Embedding crops " + from + ".." + (from + part.size() - 1) + ": " + e.getMessage(), e);
      }
      System.arraycopy(vectors, 0, out, from, vectors.length);
    }
    return out;
  }

  /**
   * Crops per session run for a call with {@code n} crops: 1 in {@link BatchMode#PER_FACE} mode, else the fewest
   * runs of at most {@link #maxBatch()} crops, balanced (40 crops at max 32 run as 20 + 20, not 32 + 8).
   */
  int chunkSize(int n) {
    if (batchMode != BatchMode.NATIVE) return 1;
    if (n <= maxBatch) return Math.max(1, n);
    int runsNeeded = (n + maxBatch - 1) / maxBatch;
    return (n + runsNeeded - 1) / runsNeeded;
  }

  /** Session runs (model calls) made by {@link #embed(List)} so far, for metrics and benchmarks. */
  public long modelRuns() {
    return runs;
  }

  /** Embeds one crop ({@code float[D]}, L2-normalised); see {@link #embed(List)}. */
  public float[] embed(byte[] crop) {
    return embed(List.of(crop))[0];
  }

  /**
   * Packs crops into the model input {@code float[N][3][H][W]}, in the spec's channel order and normalisation.
   *
   * @throws IllegalArgumentException when a crop is not {@code H * W * 3} bytes
   */
  public FloatTensor preprocess(List<byte[]> crops) {
    int w = spec.image().width();
    int h = spec.image().height();
    int plane = w * h;
    float[] data = new float[crops.size() * 3 * plane];
    boolean rgb = spec.image().channelOrder() == ChannelOrder.RGB;
    for (int n = 0; n < crops.size(); n++) {
      byte[] crop = crops.get(n);
      if (crop == null || crop.length != plane * 3) {
        throw new IllegalArgumentException("Crop " + n + " must be a " + w + "x" + h + " BGR24 image (" + plane * 3
            + " bytes), got " + (crop == null ? "null" : crop.length + " bytes"));
      }
      int base = n * 3 * plane;
      for (int c = 0; c < 3; c++) {
        int srcChannel = rgb ? 2 - c : c;
        float mean = spec.image().meanOf(c);
        float std = spec.image().stdOf(c);
        int dst = base + c * plane;
        for (int p = 0; p < plane; p++) data[dst + p] = ((crop[p * 3 + srcChannel] & 0xff) - mean) / std;
      }
    }
    return new FloatTensor(data, new long[] {crops.size(), 3, h, w});
  }

  /**
   * Splits the model output into {@code n} L2-normalised vectors.
   *
   * @throws DegenerateEmbeddingException when a vector cannot be normalised (zero or non-finite norm)
   * @throws InferenceException when the output is missing or has the wrong size
   */
  public float[][] postprocess(Map<String, FloatTensor> outputs, int n) {
    FloatTensor t = outputs.get(outputName);
    if (t == null) throw new InferenceException("Model '" + spec.name() + "' gave no output '" + outputName + "'; got " + outputs.keySet());
    int d = spec.outputDim();
    if (t.data().length != n * d) {
      throw new InferenceException("Model '" + spec.name() + "' output '" + outputName + "' has shape " + t.shapeText()
          + ", expected [" + n + ", " + d + "]");
    }
    float[][] out = new float[n][d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(t.data(), i * d, out[i], 0, d);
      try {
        Embeddings.l2NormaliseInPlace(out[i]);
      } catch (IllegalArgumentException e) {
        throw new DegenerateEmbeddingException(i, "Model '" + spec.name() + "' gave a degenerate embedding for crop " + i + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Embedding length D (512 for fr_feature, 128 for MobileFaceNet). */
  public int dimension() {
    return spec.outputDim();
  }

  /** Whether batches run natively or one crop at a time. */
  public BatchMode batchMode() {
    return batchMode;
  }

  /** Why this batch mode is active (what the rewrite changed, or why it was rejected). */
  public String batchModeDetail() {
    return batchModeDetail;
  }

  /** Crops per session run in {@link BatchMode#NATIVE} mode. */
  public int maxBatch() {
    return maxBatch;
  }

  /** The model (name, licence, ... for manifests). */
  public ModelSpec spec() {
    return spec;
  }

  /** Releases the native session. Idempotent. */
  @Override public void close() {
    model.close();
  }
}
