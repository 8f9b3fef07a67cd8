package io.screenalytics.bench.voice;

import io.screenalytics.vision.embed.Embeddings;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.audio.AudioDecoder;
import io.screenalytics.voice.frontend.Loudness;
import io.screenalytics.voice.frontend.MelFrames;
import io.screenalytics.voice.frontend.MelStream;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.speech.SpeechWindow;
import io.screenalytics.voice.speech.Windowing;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The modes of {@code bench/run voice} over one audio file and one list of segments. */
public final class VoiceRuns {

  /** One mode's figures. */
  public record Result(String mode, int segments, long modelCalls, double cpuSeconds, double wallSeconds,
                       int cacheHits) {
    /** Segments per wall-clock second. */
    public double segmentsPerSecond() {
      return segments / wallSeconds;
    }
  }

  private final String audio;
  private final List<SpeechWindow> segments;
  private List<float[]> beforeEmbeddings = List.of();
  private List<float[]> afterEmbeddings = List.of();

  /** @param audio the file; @param segments the windows every mode embeds */
  public VoiceRuns(String audio, List<SpeechWindow> segments) {
    this.audio = audio;
    this.segments = List.copyOf(segments);
  }

  /** The first {@code count} windows of the file's speech, as the service cuts them. */
  public static List<SpeechWindow> segments(Path audio, SileroVad vad, int count) throws Exception {
    float[] samples = AudioDecoder.decode(audio.toString()).samples();
    vad.reset();
    vad.accept(samples, 0, samples.length);
    List<SpeechWindow> all = Windowing.DEFAULT.cut(SpeechDetector.DEFAULT.regions(vad.finish(),
        SileroVad.CHUNK_SECONDS, samples.length / 16_000.0));
    return all.subList(0, Math.min(count, all.size()));
  }

  /** Per segment: decode the range again, write a WAV, read it back, front end, one model call. */
  public Result before(SpeakerEncoder encoder, Path dir) throws Exception {
    Files.createDirectories(dir);
    long calls = encoder.calls();
    Clock clock = new Clock();
    List<float[]> out = new ArrayList<>();
    for (SpeechWindow w : segments) {
      float[] cut = AudioDecoder.decode(audio, w.start(), w.end()).samples();
      Path wav = dir.resolve("segment_" + w.index() + ".wav");
      WavFiles.write(wav, cut);
      float[] back = AudioDecoder.decode(wav.toString()).samples();
      Files.delete(wav);
      MelFrames mel = MelStream.of(Loudness.normalise(back));
      out.add(encoder.embed(List.of(mel.slice(0, 1f))).get(0));
    }
    beforeEmbeddings = out;
    return clock.result("before: per segment, WAV, batch 1", encoder.calls() - calls, 0);
  }

  /** Decoded once (up to the last segment's end), windows cut from the mel frames in memory, batched. */
  public Result after(SpeakerEncoder encoder) throws Exception {
    long calls = encoder.calls();
    Clock clock = new Clock();
    MelFrames mel = melOnce();
    List<float[]> inputs = new ArrayList<>();
    for (SpeechWindow w : segments) inputs.add(mel.window(w.firstFrame()));
    afterEmbeddings = encoder.embed(inputs);
    return clock.result("after: decoded once, batch " + encoder.batchSize(), encoder.calls() - calls, 0);
  }

  /** As {@link #after} through a window cache: what is cached is not embedded again. */
  public Result cached(SpeakerEncoder encoder, WindowCache cache, String episode) throws Exception {
    long calls = encoder.calls();
    Clock clock = new Clock();
    Map<WindowCache.Key, SpeechWindow> keys = new LinkedHashMap<>();
    for (SpeechWindow w : segments) {
      keys.put(new WindowCache.Key(episode, Math.round(w.start() * 1000), Math.round(w.end() * 1000),
          encoder.spec().sha256()), w);
    }
    Map<WindowCache.Key, float[]> hit = cache.getAll(keys.keySet());
    List<WindowCache.Key> missing = keys.keySet().stream().filter(k -> !hit.containsKey(k)).toList();
    if (!missing.isEmpty()) {
      MelFrames mel = melOnce();
      List<float[]> inputs = new ArrayList<>();
      for (WindowCache.Key k : missing) inputs.add(mel.window(keys.get(k).firstFrame()));
      List<float[]> embedded = encoder.embed(inputs);
      Map<WindowCache.Key, float[]> fresh = new LinkedHashMap<>();
      for (int i = 0; i < missing.size(); i++) fresh.put(missing.get(i), embedded.get(i));
      cache.putAll(fresh);
    }
    return clock.result("rerun: artifact-store cache", encoder.calls() - calls, hit.size());
  }

  /** The mel frames of the audio up to the last segment's end, decoded once. */
  private MelFrames melOnce() throws Exception {
    MelStream stream = new MelStream();
    AudioDecoder.stream(audio, 0, segments.get(segments.size() - 1).end() + 0.1, stream);
    return stream.finish();
  }

  /**
   * The service's path on the whole file ({@link VoiceAnalyzer}: decode once, VAD, windows, batched embedding).
   */
  public static Result service(String audio, VoiceAnalyzer analyzer) throws Exception {
    long calls = analyzer.encoder().calls();
    long wall = System.nanoTime();
    long cpu = processCpuNanos();
    VoiceAnalysis a = analyzer.analyse(audio, 0, Double.POSITIVE_INFINITY, null, WindowCache.NONE);
    return new Result(String.format(java.util.Locale.ROOT, "service path, whole %.0f s file", a.seconds()),
        a.windows().size(), analyzer.encoder().calls() - calls, (processCpuNanos() - cpu) / 1e9,
        (System.nanoTime() - wall) / 1e9, 0);
  }

  /** Smallest cosine between the before and after embeddings of a segment. */
  public double minAgreement() {
    double min = 1;
    for (int i = 0; i < Math.min(beforeEmbeddings.size(), afterEmbeddings.size()); i++) {
      min = Math.min(min, Embeddings.cosine(beforeEmbeddings.get(i), afterEmbeddings.get(i)));
    }
    return min;
  }

  /** Mean cosine between the before and after embeddings of a segment. */
  public double meanAgreement() {
    double sum = 0;
    int n = Math.min(beforeEmbeddings.size(), afterEmbeddings.size());
    for (int i = 0; i < n; i++) sum += Embeddings.cosine(beforeEmbeddings.get(i), afterEmbeddings.get(i));
    return n == 0 ? 0 : sum / n;
  }

  /** Wall and process CPU time since construction. */
  private final class Clock {
    private final long wall = System.nanoTime();
    private final long cpu = processCpuNanos();

    Result result(String mode, long calls, int hits) {
      return new Result(mode, segments.size(), calls, (processCpuNanos() - cpu) / 1e9,
          (System.nanoTime() - wall) / 1e9, hits);
    }
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
