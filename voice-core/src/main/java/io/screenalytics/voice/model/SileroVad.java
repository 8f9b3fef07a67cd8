package io.screenalytics.voice.model;

import io.screenalytics.vision.model.FloatTensor;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.OnnxModel;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.audio.AudioSink;
import io.screenalytics.voice.audio.FloatList;
import java.util.Map;

/**
 * Silero VAD v6 over a stream of 16 kHz samples: one speech probability per 512-sample (32 ms) chunk, each model
 * call fed the last 64 samples of the previous chunk as context (required, see {@code MODELS.md}) and the
 * recurrent state of the previous call. A trailing partial chunk is zero-padded by {@link #finish()}.
 *
 * <p>Session through {@link OnnxModel}. Not thread-safe (the stream's state); one per audio stream. Closing it
 * closes the session.
 */
public final class SileroVad implements AudioSink, AutoCloseable {

  /** New samples per model call. */
  public static final int CHUNK = 512;
  /** Context samples carried from the previous chunk. */
  public static final int CONTEXT = 64;
  /** Seconds per probability, {@code 512 / 16000}. */
  public static final double CHUNK_SECONDS = CHUNK / 16_000.0;

  private static final int STATE = 2 * 128;

  private final OnnxModel model;
  private final float[] input = new float[CONTEXT + CHUNK];
  private float[] state = new float[STATE];
  private int filled;
  private long calls;
  private final FloatList probabilities = new FloatList(1 << 12);

  /** @param model an open session of {@link ModelCatalog#SILERO_VAD} */
  public SileroVad(OnnxModel model) {
    this.model = model;
  }

  /**
   * Opens {@link ModelCatalog#SILERO_VAD} (sha256 checked) with one intra-op thread.
   *
   * @throws io.screenalytics.vision.model.ModelException when the model is missing, altered or cannot be opened
   */
  public static SileroVad open(ModelLocator locator) {
    return new SileroVad(OnnxModel.open(locator, ModelCatalog.SILERO_VAD, SessionSettings.cpu(1)));
  }

  @Override public void accept(float[] samples, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      input[CONTEXT + filled++] = samples[i];
      if (filled == CHUNK) step();
    }
  }

  /** Zero-pads and scores a trailing partial chunk; returns all probabilities. Call once, after the last sample. */
  public float[] finish() {
    if (filled > 0) {
      for (int i = CONTEXT + filled; i < input.length; i++) input[i] = 0f;
      step();
    }
    return probabilities.toArray();
  }

  /** Speech probability per 32 ms chunk so far, {@code float[chunks]}. */
  public float[] probabilities() {
    return probabilities.toArray();
  }

  /** Model calls made so far (one per chunk). */
  public long calls() {
    return calls;
  }

  /** Clears the state for a new stream, keeping the session. */
  public void reset() {
    state = new float[STATE];
    filled = 0;
    java.util.Arrays.fill(input, 0f);
    probabilities.clear();
  }

  private void step() {
    Map<String, FloatTensor> out = model.run(Map.of(
        "input", new FloatTensor(input.clone(), new long[] {1, CONTEXT + CHUNK}),
        "state", new FloatTensor(state, new long[] {2, 1, 128})), Map.of("sr", 16_000L));
    calls++;
    probabilities.add(out.get("output").data()[0]);
    state = out.get("stateN").data();
    System.arraycopy(input, CHUNK, input, 0, CONTEXT);
    filled = 0;
  }

  @Override public void close() {
    model.close();
  }
}
