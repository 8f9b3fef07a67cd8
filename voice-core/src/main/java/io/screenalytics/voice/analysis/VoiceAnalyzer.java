package io.screenalytics.voice.analysis;

import io.screenalytics.voice.audio.AudioDecodeException;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.frontend.MelFrames;
import io.screenalytics.voice.frontend.MelStream;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import io.screenalytics.voice.speech.Windowing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleConsumer;

/**
 * Decodes an audio once, streaming (only mel frames, 1.6 KB per second, and VAD probabilities are kept), finds
 * speech with Silero VAD, cuts windows and embeds every window not in the cache in batched model calls.
 *
 * <p>Not thread-safe (the VAD's stream state): one analyzer per worker thread. It does not own the models passed in.
 */
public final class VoiceAnalyzer {

  private final SpeakerEncoder encoder;
  private final SileroVad vad;
  private final SpeechDetector detector;
  private final Windowing windowing;

  /**
   * @param encoder   batched GE2E encoder
   * @param vad       Silero VAD (reset for each audio)
   * @param detector  probabilities to regions
   * @param windowing regions to windows
   */
  public VoiceAnalyzer(SpeakerEncoder encoder, SileroVad vad, SpeechDetector detector, Windowing windowing) {
    this.encoder = encoder;
    this.vad = vad;
    this.detector = detector;
    this.windowing = windowing;
  }

  /** The encoder (its spec and call count). */
  public SpeakerEncoder encoder() {
    return encoder;
  }

  /**
   * Analyses {@code [fromS, toS)} of an input.
   *
   * @param input   anything FFmpeg opens
   * @param episode cache key's episode id, or null for no caching
   * @param cache   where window embeddings are looked up and stored
   * @throws AudioDecodeException when the input has no audio stream, cannot be opened or its audio is corrupt
   */
  public VoiceAnalysis analyse(String input, double fromS, double toS, String episode, WindowCache cache)
      throws AudioDecodeException {
    return analyse(input, fromS, toS, episode, cache, seconds -> { });
  }

  /**
   * {@link #analyse(String, double, double, String, WindowCache)} reporting the seconds of audio decoded so far
   * to {@code progress} after every decoded chunk (on this thread; it may pause, e.g. for a CPU governor).
   */
  public VoiceAnalysis analyse(String input, double fromS, double toS, String episode, WindowCache cache,
                               DoubleConsumer progress) throws AudioDecodeException {
    return analyse(decode(input, fromS, toS, progress), detector, episode, cache);
  }

  /** The analysis of audio already in memory ({@code float[n]} at 16 kHz), for tests and the voicebank. */
  public VoiceAnalysis analyse(float[] samples, String episode, WindowCache cache) {
    vad.reset();
    long vadBefore = vad.calls();
    vad.accept(samples, 0, samples.length);
    Decoded d = new Decoded(MelStream.of(samples), vad.finish(), samples.length / (double) AudioDecoder.SAMPLE_RATE,
        vad.calls() - vadBefore);
    return analyse(d, detector, episode, cache);
  }

  /**
   * What speech detection and embedding start from, kept so that other speech-detection settings can be tried on
   * one audio without decoding it or running the VAD again (the voice figures' tuning grid).
   *
   * @param mel           the audio's mel frames
   * @param probabilities Silero's speech probability per {@link SileroVad#CHUNK_SECONDS} chunk
   * @param seconds       length of the decoded audio
   * @param vadCalls      VAD model calls made to get {@code probabilities}
   */
  public record Decoded(MelFrames mel, float[] probabilities, double seconds, long vadCalls) {
  }

  /**
   * Decodes {@code [fromS, toS)} of an input once, streaming, into mel frames and VAD probabilities, reporting the
   * seconds decoded so far to {@code progress} after every chunk.
   *
   * @throws AudioDecodeException when the input has no audio stream, cannot be opened or its audio is corrupt
   */
  public Decoded decode(String input, double fromS, double toS, DoubleConsumer progress)
      throws AudioDecodeException {
    MelStream mel = new MelStream();
    vad.reset();
    long vadBefore = vad.calls();
    long[] decoded = {0};
    long samples = AudioDecoder.stream(input, fromS, toS, (s, o, n) -> {
      mel.accept(s, o, n);
      vad.accept(s, o, n);
      decoded[0] += n;
      progress.accept(decoded[0] / (double) AudioDecoder.SAMPLE_RATE);
    });
    return new Decoded(mel.finish(), vad.finish(), samples / (double) AudioDecoder.SAMPLE_RATE,
        vad.calls() - vadBefore);
  }

  /**
   * Speech regions by {@code speech}, windows by this analyzer's windowing, and their embeddings (from
   * {@code cache} where held, else batched model calls) of decoded audio.
   *
   * @param decoded audio as {@link #decode} returns it
   * @param speech  the speech detection to apply (this analyzer's own, or one of a tuning grid)
   * @param episode cache key's episode id, or null for no caching
   * @param cache   where window embeddings are looked up and stored
   */
  public VoiceAnalysis analyse(Decoded decoded, SpeechDetector speech, String episode, WindowCache cache) {
    return analyse(decoded.mel(), decoded.probabilities(), decoded.seconds(), speech, episode, cache,
        decoded.vadCalls());
  }

  private VoiceAnalysis analyse(MelFrames mel, float[] probabilities, double seconds, SpeechDetector speech,
                                String episode, WindowCache cache, long vadCalls) {
    List<SpeechRegion> regions = speech.regions(probabilities, SileroVad.CHUNK_SECONDS, seconds);
    List<SpeechWindow> windows = windowing.cut(regions);
    String sha = encoder.spec().sha256();
    List<WindowCache.Key> keys = new ArrayList<>();
    for (SpeechWindow w : windows) {
      keys.add(new WindowCache.Key(episode, Math.round(w.start() * 1000), Math.round(w.end() * 1000), sha));
    }
    Map<WindowCache.Key, float[]> cached = episode == null ? Map.of() : cache.getAll(keys);
    List<Integer> missing = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      if (!cached.containsKey(keys.get(i))) missing.add(i);
    }
    // one batch of model inputs at a time (25.6 KB a window), so memory does not grow with the episode
    long callsBefore = encoder.calls();
    Map<WindowCache.Key, float[]> fresh = new LinkedHashMap<>();
    float[][] all = new float[windows.size()][];
    for (int from = 0; from < missing.size(); from += encoder.batchSize()) {
      List<Integer> batch = missing.subList(from, Math.min(missing.size(), from + encoder.batchSize()));
      List<float[]> inputs = new ArrayList<>(batch.size());
      for (int i : batch) inputs.add(mel.window(windows.get(i).firstFrame()));
      List<float[]> computed = encoder.embed(inputs);
      for (int b = 0; b < batch.size(); b++) {
        all[batch.get(b)] = computed.get(b);
        fresh.put(keys.get(batch.get(b)), computed.get(b));
      }
    }
    long calls = encoder.calls() - callsBefore;
    for (int i = 0; i < windows.size(); i++) {
      if (all[i] == null) all[i] = cached.get(keys.get(i));
    }
    if (episode != null && !fresh.isEmpty()) cache.putAll(fresh);
    return new VoiceAnalysis(seconds, regions, windows, List.of(all), calls, windows.size() - missing.size(),
        vadCalls);
  }
}
