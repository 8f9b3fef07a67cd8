package io.screenalytics.voice.service;

import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.Governors;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.metrics.StageTimer;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.SpeechSpan;
import io.screenalytics.schemas.Topics;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindow;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.voice.analysis.VoiceAnalysis;
import io.screenalytics.voice.analysis.VoiceAnalyzer;
import io.screenalytics.voice.analysis.WindowCache;
import io.screenalytics.voice.audio.AudioDecodeException;
import io.screenalytics.voice.speech.SpeechRegion;
import io.screenalytics.voice.speech.SpeechWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Analyses the audio of one episode per request: decoded once, streaming; speech found with the VAD; windows
 * embedded in batched calls, through the window cache; the result published on {@link Topics#VOICE} in chunks keyed
 * by episode id.
 *
 * <p>The voice result never fails the episode: the status topic gets {@code STARTED}, {@code PROGRESS} and
 * {@code STAGE_COMPLETED} from stage {@code voice}, never {@code FAILED} (assembly and the launcher drop an episode on
 * any stage's {@code FAILED}). An input without an audio stream gives one record with status {@code NO_AUDIO}; an
 * audio stream that cannot be decoded, or an input that cannot be fetched, gives status {@code FAILED} with the
 * reason; either way the completion event carries the reason too. Crash containment: each attempt is marked before
 * the audio is opened; after {@code voice.max.episode.attempts} attempts that killed the process the voice result is
 * {@code FAILED} with a {@code crashed:} reason instead of another attempt. One instance per worker thread.
 */
final class VoiceHandler implements BatchHandler<EpisodeRequest> {

  private static final Logger LOG = LoggerFactory.getLogger(VoiceHandler.class);

  private final VoiceConfig config;
  private final VoiceAnalyzer analyzer;
  private final WindowCache cache;
  private final StatusPublisher status = new StatusPublisher(VoiceService.NAME);
  private final StageTimer timer = StageTimer.of(VoiceService.NAME, "analyse");
  private final EpisodeAttempts.Counter attempts;

  /**
   * @param analyzer this worker's models
   * @param cache    window embeddings ({@link WindowCache#NONE} when caching is off)
   * @param attempts counts the voice stage's unfinished attempts on an episode (crash containment)
   */
  VoiceHandler(VoiceConfig config, VoiceAnalyzer analyzer, WindowCache cache, EpisodeAttempts.Counter attempts) {
    this.config = config;
    this.analyzer = analyzer;
    this.cache = cache;
    this.attempts = attempts;
  }

  @Override public void handle(List<Delivery<EpisodeRequest>> batch, Emitter out) throws IOException {
    for (Delivery<EpisodeRequest> d : batch) {
      MDC.put("episode_id", d.value().getEpisodeId());
      try {
        analyse(d.value(), out);
      } finally {
        MDC.remove("episode_id");
      }
    }
  }

  private void analyse(EpisodeRequest r, Emitter out) throws IOException {
    String id = r.getEpisodeId();
    if (!EpisodeIds.isValid(id)) {
      LOG.warn("voice: ignoring a request with an invalid episode id");
      return;
    }
    long t0 = System.nanoTime();
    long c0 = StageCpu.threadNanos();
    if (!beginAttempt(r, out)) {
      String reason = "crashed: the voice stage stopped " + config.service().maxEpisodeAttempts() + " times while"
          + " analysing this episode; its voice result is given up (the faces are not affected)";
      LOG.error("episode {}: {}", id, reason);
      publish(out, id, null, VoiceStatus.FAILED, reason);
      complete(out, id, null, reason, t0);
      return;
    }
    status.publish(out, id, EpisodeState.STARTED, null, Map.of(), null);
    Path downloaded = null;
    try {
      String location = r.getVideoUri();
      if (ArtifactStores.isS3Uri(location)) {
        downloaded = ArtifactStores.fetch(location, config.storeSettings(), config.tempDir());
        location = downloaded.toString();
      }
      double[] next = {config.progressEvery()};
      VoiceAnalysis a = analyzer.analyse(location, 0, Double.POSITIVE_INFINITY, id, cache, seconds -> {
        Governors.of(VoiceService.NAME).ifPresent(CpuGovernor::checkpoint);
        if (seconds >= next[0]) {
          next[0] += config.progressEvery();
          status.publish(out, id, EpisodeState.PROGRESS, null, Map.of("audio_seconds_decoded", seconds), null);
        }
      });
      publish(out, id, a, VoiceStatus.OK, null);
      complete(out, id, a, null, t0);
    } catch (AudioDecodeException e) {
      VoiceStatus s = e.reason() == AudioDecodeException.Reason.NO_AUDIO ? VoiceStatus.NO_AUDIO : VoiceStatus.FAILED;
      String reason = e.reason().name().toLowerCase(Locale.ROOT) + ": " + e.getMessage();
      LOG.info("episode {}: voice {}: {}", id, s, reason);
      publish(out, id, null, s, reason);
      complete(out, id, null, reason, t0);
    } catch (java.nio.file.NoSuchFileException | java.nio.file.AccessDeniedException | IllegalArgumentException e) {
      String reason = "unreadable: " + e.getMessage();
      publish(out, id, null, VoiceStatus.FAILED, reason);
      complete(out, id, null, reason, t0);
    } finally {
      timer.record(System.nanoTime() - t0, StageCpu.threadNanos() - c0);
      if (downloaded != null) Files.deleteIfExists(downloaded);
    }
  }

  /**
   * Crash containment without failing the episode: under {@code voice.max.episode.attempts} unfinished attempts the
   * next is marked ({@link EpisodeAttempts#ATTEMPT}, flushed before the audio is opened); at the limit, false.
   * ({@link EpisodeAttempts#begin} would publish the episode's {@code FAILED}, which drops the faces too.)
   */
  private boolean beginAttempt(EpisodeRequest r, Emitter out) {
    return EpisodeAttempts.beginBeside(attempts, config.service().maxEpisodeAttempts(), out, status,
        r.getEpisodeId(), r.getRequestedAtMs());
  }

  private void publish(Emitter out, String id, VoiceAnalysis a, VoiceStatus s, String reason) {
    ModelSpec model = analyzer.encoder().spec();
    List<SpeechWindow> windows = a == null ? List.of() : a.windows();
    int per = config.windowsPerRecord();
    int chunks = Math.max(1, (windows.size() + per - 1) / per);
    List<SpeechSpan> speech = new ArrayList<>();
    if (a != null) {
      for (SpeechRegion region : a.regions()) speech.add(new SpeechSpan(region.start(), region.end()));
    }
    for (int c = 0; c < chunks; c++) {
      List<VoiceWindow> part = new ArrayList<>();
      for (int i = c * per; i < Math.min(windows.size(), (c + 1) * per); i++) {
        SpeechWindow w = windows.get(i);
        List<Float> e = new ArrayList<>(a.embeddings().get(i).length);
        for (float f : a.embeddings().get(i)) e.add(f);
        part.add(new VoiceWindow(w.start(), w.end(), w.ownFrom(), w.ownTo(), w.region(), e));
      }
      out.send(Topics.VOICE, id, VoiceWindows.newBuilder()
          .setEpisodeId(id).setChunk(c).setChunks(chunks).setStatus(s).setReason(reason)
          .setModel(model.name()).setModelSha256(model.sha256() == null ? "" : model.sha256())
          .setAudioSeconds(a == null ? 0 : a.seconds()).setWindows(part)
          .setSpeech(c == chunks - 1 ? speech : List.of()).build());
    }
  }

  private void complete(Emitter out, String id, VoiceAnalysis a, String reason, long t0) {
    Map<String, Double> counters = new LinkedHashMap<>();
    counters.put("seconds", (System.nanoTime() - t0) / 1e9);
    if (a != null) {
      counters.put("audio_seconds", a.seconds());
      counters.put("speech_seconds", a.speechSeconds());
      counters.put("windows", (double) a.windows().size());
      counters.put("model_calls", (double) a.modelCalls());
      counters.put("cache_hits", (double) a.cacheHits());
      counters.put("vad_calls", (double) a.vadCalls());
      LOG.info("episode {}: {} s of audio, {} s of speech, {} windows, {} model calls, {} from the cache", id,
          String.format(Locale.ROOT, "%.1f", a.seconds()), String.format(Locale.ROOT, "%.1f", a.speechSeconds()),
          a.windows().size(), a.modelCalls(), a.cacheHits());
    }
    status.publish(out, id, EpisodeState.STAGE_COMPLETED, reason, counters, null);
  }
}
