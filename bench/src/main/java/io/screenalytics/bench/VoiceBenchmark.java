package io.screenalytics.bench;

import io.screenalytics.bench.cpu.CpuRecorder;
import io.screenalytics.bench.cpu.TestClip;
import io.screenalytics.bench.voice.VoiceRuns;
import io.screenalytics.bench.voice.VoiceRuns.Result;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.model.SileroVad;
import io.screenalytics.voice.model.SpeakerEncoder;
import io.screenalytics.voice.service.StoreWindowCache;
import io.screenalytics.voice.speech.SpeechDetector;
import io.screenalytics.voice.speech.SpeechWindow;
import io.screenalytics.voice.speech.Windowing;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/run voice [segments] [audio]}: the original's batch voice-extraction fix, before and after, side by
 * side in one run on the same audio and the same segments (default 281, the original's count, cut as the service
 * cuts: VAD speech, 1.6 s windows every 0.4 s, on the 12 shared AMI excerpts joined into one 6-minute WAV):
 * <ol>
 *   <li>before: per segment, decode the file again for its range, write a temporary WAV, read it back, front end,
 *       one model call;</li>
 *   <li>after: decoded once (streaming, mel frames kept), windows cut in memory, batches of 1, 8 and 32;</li>
 *   <li>rerun: the same windows through the artifact-store cache the service uses: cache hits, no model call;</li>
 *   <li>the service's own path on the whole file (decode, VAD, windows, batch 32): CPU seconds per second of
 *       audio.</li>
 * </ol>
 * Prints segments/s, model calls, CPU seconds of the process (all threads) per mode, and the ratios. GE2E on one
 * intra-op thread, as the service runs at its default quota of 1 core.
 */
public final class VoiceBenchmark {

  private VoiceBenchmark() {}

  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 281;
    PrintStream out = System.out;
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../shared"));
    ModelLocator models = ModelLocator.at(shared.resolve("models"));
    Path work = Files.createTempDirectory("voice-bench");
    Path audio = args.length > 1 ? Path.of(args[1]) : joinedAmi(shared, work);
    out.printf("CPU: %s, %d cores; audio %s%n", CpuRecorder.cpuModel(), Runtime.getRuntime().availableProcessors(),
        audio);
    try (SpeakerEncoder one = SpeakerEncoder.open(models, SessionSettings.cpu(1), 1);
         SpeakerEncoder eight = SpeakerEncoder.open(models, SessionSettings.cpu(1), 8);
         SpeakerEncoder many = SpeakerEncoder.open(models, SessionSettings.cpu(1), 32);
         SileroVad vad = SileroVad.open(models);
         LocalArtifactStore store = new LocalArtifactStore(work.resolve("store"))) {
      List<SpeechWindow> segments = VoiceRuns.segments(audio, vad, count);
      out.printf("%d segments of %.1f s (VAD speech, every 0.4 s)%n%n", segments.size(),
          segments.get(0).end() - segments.get(0).start());
      VoiceRuns runs = new VoiceRuns(audio.toString(), segments);
      runs.after(many); // warm-up: class loading, ONNX Runtime's first runs
      List<Result> results = new ArrayList<>();
      Result before = runs.before(one, work.resolve("segments"));
      results.add(before);
      results.add(runs.after(one));
      results.add(runs.after(eight));
      Result after = runs.after(many);
      results.add(after);
      StoreWindowCache cache = new StoreWindowCache(store);
      runs.cached(many, cache, "bench"); // fills the cache
      results.add(runs.cached(many, cache, "bench"));
      VoiceAnalyzer analyzer = new VoiceAnalyzer(many, vad, SpeechDetector.DEFAULT, Windowing.DEFAULT);
      Result service = VoiceRuns.service(audio.toString(), analyzer);
      results.add(service);
      out.printf("%-34s %10s %12s %10s %12s %10s%n", "mode", "segments/s", "model calls", "CPU s", "wall s",
          "cache hits");
      for (Result r : results) {
        out.printf("%-34s %10.1f %12d %10.2f %12.2f %10d%n", r.mode(), r.segmentsPerSecond(), r.modelCalls(),
            r.cpuSeconds(), r.wallSeconds(), r.cacheHits());
      }
      out.printf("%nafter (batch 32) / before: %.1fx segments/s, %.1fx less CPU; embeddings agree to cosine >= %.4f"
          + " (mean %.5f)%n", after.segmentsPerSecond() / before.segmentsPerSecond(),
          before.cpuSeconds() / after.cpuSeconds(), runs.minAgreement(), runs.meanAgreement());
      double seconds = Double.parseDouble(service.mode().replaceAll("[^0-9.]", ""));
      out.printf("service path: %.4f CPU s per second of audio (%d windows, %d model calls)%n",
          service.cpuSeconds() / seconds, service.segments(), service.modelCalls());
    }
  }

  /** The 12 AMI excerpts joined into one WAV (ffmpeg concat), 16 kHz mono. */
  private static Path joinedAmi(Path shared, Path work) throws Exception {
    Path list = work.resolve("ami.txt");
    List<String> lines = new ArrayList<>();
    for (String f : List.of("trn00", "trn01", "trn02", "trn03", "trn04", "trn05", "trn06", "trn07", "trn08", "trn09",
        "dev00", "dev01")) {
      lines.add("file '" + shared.resolve("media/audio/ami/" + f + ".wav").toAbsolutePath() + "'");
    }
    Files.write(list, lines);
    Path joined = work.resolve("ami_joined.wav");
    TestClip.ffmpeg(List.of("-f", "concat", "-safe", "0", "-i", list.toString(), "-c:a", "pcm_s16le"), joined);
    return joined;
  }
}
