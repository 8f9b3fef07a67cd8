package io.screenalytics.asd.model;

import io.screenalytics.asd.frontend.FaceCrops;
import io.screenalytics.asd.frontend.Mfcc;
import io.screenalytics.vision.model.AudioVisualInput;
import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Light-ASD (Liao et al., CVPR 2023; GitHub Junhua-Liao/Light-ASD, MIT) on one face track: MFCC
 * ({@code float[4T * 13]}, 100 frames a second, from {@link Mfcc}) and gray face crops ({@code byte[T][112 * 112]}
 * at 25 frames a second, from {@link FaceCrops}) to a speaking logit per video frame.
 *
 * <p>The session comes from {@link OnnxModel} (denormal weights and arithmetic flushed, {@code ALL_OPT},
 * intra-op threads from {@link SessionSettings}). The export fixes the batch dimension at 1 and the network is
 * temporal (convolutions and attention over the track's frames), so tracks cannot be concatenated; one call takes a
 * whole track of any length. Averaged scoring makes one call per piece: pieces of one length could be stacked into
 * a batch if the graph were rewritten for it ({@code OnnxBatchRewriter}, as {@code FaceEmbedder} does); not
 * attempted.
 *
 * <p>Lengths: audio and video are cut to the shorter of {@code (mfccFrames - mfccFrames % 4) / 100} and
 * {@code T / 25} seconds, as the repository does, so the logits may be fewer than the crops.
 *
 * <p>Thread-safe (calls run one at a time on the model's runner); close it when done.
 */
public final class LightAsd implements AutoCloseable {

  /** MFCC frames per video frame (100 a second against 25). */
  public static final int MFCC_PER_FRAME = 4;
  /** Video frames a second the model takes. */
  public static final int FPS = 25;

  /**
   * The default model: {@code light_asd_ava}, chosen by measurement (docs/active-speaker.md). On the composed
   * two-shot of {@code TwoShotIT} (4 turns of 4 s, the silent face a still) the share of each turn's speech on the
   * speaking face is 90 / 82 / 83 / 100 % in one pass and 90 / 86 / 85 / 100 % averaged; TalkSet gives 100 % in all
   * four turns averaged but 100 / 44 / 94 / 100 % in one pass: its verdict depends on how the track is cut, and the
   * pipeline's spans are cut by speech and shots, not by the repository's piece lengths. On the reference cases both
   * call the talking head speaking and the frozen face not, but with near-silent audio TalkSet still says speaking on
   * every frame (it reads the lips, barely the sound) where AVA says not speaking: a face moving its lips without
   * making the sound is less likely to be handed the speech. AVA's margin is thin: 81.5 % on its hardest turn.
   */
  public static final ModelSpec DEFAULT_MODEL = ModelCatalog.LIGHT_ASD_AVA;

  /**
   * The default scoring: {@link Scoring#ONE_PASS}, a sixth of the cost of {@link Scoring#AVERAGED} and above the
   * 80 % goal on the two-shot with {@link #DEFAULT_MODEL} (averaging adds 2-4 points on the hardest turns).
   */
  public static final Scoring DEFAULT_SCORING = Scoring.ONE_PASS;

  private final OnnxModel model;
  private final String audioInput;
  private final String faceInput;

  private LightAsd(OnnxModel model) {
    this.model = model;
    this.audioInput = model.spec().inputName();
    if (!(model.spec().input() instanceof AudioVisualInput av)) {
      model.close();
      throw new IllegalArgumentException("model '" + model.spec().name() + "' is not an audio-visual model: "
          + model.spec().input());
    }
    this.faceInput = av.faceInput();
  }

  /**
   * Opens a Light-ASD model.
   *
   * @param locator  where the models are (checks the file's SHA-256)
   * @param name     a catalogue name of kind {@link ModelKind#ACTIVE_SPEAKER}: {@code light_asd_ava} (default) or
   *                 {@code light_asd_talkset}
   * @param settings intra-op threads (the core quota) and provider
   * @throws java.util.NoSuchElementException                 for a name that is not an active-speaker model
   * @throws io.screenalytics.vision.model.ModelException    when the model is missing, corrupt or cannot be opened
   */
  public static LightAsd open(ModelLocator locator, String name, SessionSettings settings) {
    return open(locator, ModelCatalog.byName(name, ModelKind.ACTIVE_SPEAKER), settings);
  }

  /** Opens the model of a spec (e.g. a user's own export with the same tensors); see {@link #open(ModelLocator, String, SessionSettings)}. */
  public static LightAsd open(ModelLocator locator, ModelSpec spec, SessionSettings settings) {
    return new LightAsd(OnnxModel.open(locator, Objects.requireNonNull(spec, "spec"), settings));
  }

  /** The spec of the open model. */
  public ModelSpec spec() {
    return model.spec();
  }

  /**
   * Number of video frames scored for a track of {@code faces} crops and {@code mfccFrames} MFCC frames: the
   * shorter of the two at 25 frames a second.
   */
  public static int scoredFrames(int faces, int mfccFrames) {
    return Math.min(faces, (mfccFrames - mfccFrames % MFCC_PER_FRAME) / MFCC_PER_FRAME);
  }

  /**
   * Scores one face track.
   *
   * @param mfcc    {@code float[n * 13]} from {@link Mfcc#compute}, aligned with the first crop
   * @param faces   {@code byte[T][112 * 112]} gray crops from {@link FaceCrops}
   * @param scoring one pass or the repository's averaged pieces
   * @return a logit per scored frame ({@link #scoredFrames}); empty when nothing can be scored
   * @throws IllegalArgumentException                         when a crop or the MFCC has the wrong size
   * @throws io.screenalytics.vision.model.InferenceException when ONNX Runtime fails (names the model and shapes)
   */
  public SpeakingScores score(float[] mfcc, byte[][] faces, Scoring scoring) {
    Objects.requireNonNull(scoring, "scoring");
    if (mfcc.length % Mfcc.COEFFICIENTS != 0) {
      throw new IllegalArgumentException("MFCC of " + mfcc.length + " values is not a whole number of 13-value frames");
    }
    int pixels = FaceCrops.SIZE * FaceCrops.SIZE;
    for (byte[] f : faces) {
      if (f.length != pixels) throw new IllegalArgumentException("a face crop must hold " + pixels + " values, was " + f.length);
    }
    int t = scoredFrames(faces.length, mfcc.length / Mfcc.COEFFICIENTS);
    if (t <= 0) return new SpeakingScores(model.spec().name(), new float[0]);
    float[] logits = scoring == Scoring.ONE_PASS ? run(mfcc, faces, 0, t) : averaged(mfcc, faces, t);
    return new SpeakingScores(model.spec().name(), logits);
  }

  private float[] averaged(float[] mfcc, byte[][] faces, int t) {
    Map<Integer, Integer> counts = new TreeMap<>();
    for (int d : Scoring.PIECE_SECONDS) counts.merge(d, 1, Integer::sum);
    double[] sum = new double[t];
    for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
      int piece = e.getKey() * FPS;
      for (int from = 0; from < t; from += piece) {
        int to = Math.min(t, from + piece);
        float[] part = run(mfcc, faces, from, to);
        for (int i = 0; i < part.length; i++) sum[from + i] += part[i] * (double) e.getValue();
      }
    }
    float[] out = new float[t];
    for (int i = 0; i < t; i++) out[i] = (float) (sum[i] / Scoring.PIECE_SECONDS.length);
    return out;
  }

  /** One model call on video frames {@code [from, to)} and their MFCC frames. */
  private float[] run(float[] mfcc, byte[][] faces, int from, int to) {
    int n = to - from;
    int pixels = FaceCrops.SIZE * FaceCrops.SIZE;
    float[] video = new float[n * pixels];
    for (int i = 0; i < n; i++) {
      byte[] f = faces[from + i];
      for (int p = 0; p < pixels; p++) video[i * pixels + p] = f[p] & 0xff;
    }
    int audioValues = n * MFCC_PER_FRAME * Mfcc.COEFFICIENTS;
    float[] audio = new float[audioValues];
    System.arraycopy(mfcc, from * MFCC_PER_FRAME * Mfcc.COEFFICIENTS, audio, 0, audioValues);
    Map<String, FloatTensor> inputs = new LinkedHashMap<>();
    inputs.put(audioInput, new FloatTensor(audio, new long[] {1, (long) n * MFCC_PER_FRAME, Mfcc.COEFFICIENTS}));
    inputs.put(faceInput, new FloatTensor(video, new long[] {1, n, FaceCrops.SIZE, FaceCrops.SIZE}));
    FloatTensor out = model.run(inputs).get(model.spec().outputNames().get(0));
    return out.data();
  }

  @Override public void close() {
    model.close();
  }
}
