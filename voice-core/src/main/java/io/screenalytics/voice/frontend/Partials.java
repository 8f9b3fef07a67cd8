package io.screenalytics.voice.frontend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Resemblyzer's utterance slicing ({@code VoiceEncoder.compute_partial_slices} with rate 1.3 and min coverage 0.75):
 * 160-frame partials every 77 frames; the last is kept when at least 75 % of it holds audio, or when it is the only
 * one (an utterance under 1.6 s gives one zero-padded partial). Stateless.
 */
public final class Partials {

  private Partials() {
  }

  /**
   * First frames of the partials of an utterance of {@code samples} samples.
   *
   * @return ascending frame indices, at least one
   */
  public static int[] starts(int samples) {
    int hop = FrontEndSpec.HOP;
    int window = FrontEndSpec.PARTIAL_FRAMES;
    int frames = (int) Math.ceil((samples + 1) / (double) hop);
    int limit = Math.max(1, frames - window + FrontEndSpec.PARTIAL_STEP + 1);
    List<Integer> starts = new ArrayList<>();
    for (int s = 0; s < limit; s += FrontEndSpec.PARTIAL_STEP) starts.add(s);
    if (starts.size() > 1) {
      int last = starts.get(starts.size() - 1);
      double coverage = (samples - last * (double) hop) / (window * (double) hop);
      if (coverage < FrontEndSpec.MIN_PARTIAL_COVERAGE) starts.remove(starts.size() - 1);
    }
    return starts.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The model inputs of an utterance: samples normalised to -30 dBFS, the mel spectrogram, one slice per partial.
   *
   * @param samples 16 kHz mono in [-1, 1]
   * @return {@code float[partials][160 * 40]}
   */
  public static List<float[]> of(float[] samples) {
    int[] starts = starts(samples.length);
    MelFrames mel = MelStream.of(padded(Loudness.normalise(samples), starts));
    List<float[]> out = new ArrayList<>();
    for (int s : starts) out.add(mel.slice(s, 1f));
    return out;
  }

  /**
   * The samples zero-padded to the end of the last partial when that lies beyond them, as Resemblyzer pads before
   * computing the mel spectrogram (it changes the frames near the end).
   */
  public static float[] padded(float[] samples, int[] starts) {
    int end = (starts[starts.length - 1] + FrontEndSpec.PARTIAL_FRAMES) * FrontEndSpec.HOP;
    return end >= samples.length ? Arrays.copyOf(samples, end) : samples;
  }
}
