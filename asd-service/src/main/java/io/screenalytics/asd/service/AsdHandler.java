package io.screenalytics.asd.service;

import io.screenalytics.asd.span.ContestedSpan;
import io.screenalytics.asd.span.ScoredSpan;
import io.screenalytics.asd.span.SpanScorer;
import io.screenalytics.runtime.cpu.CpuGovernor;
import io.screenalytics.runtime.cpu.Governors;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.kafka.EpisodeHolds;
import io.screenalytics.runtime.kafka.EpisodeOffsets;
import io.screenalytics.runtime.kafka.TopicRoutes;
import io.screenalytics.runtime.metrics.StageTimer;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.AsdSpan;
import io.screenalytics.schemas.AsdStatus;
import io.screenalytics.schemas.AsdTrackLogits;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.Topics;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.EpisodeIds;
import io.screenalytics.vision.model.ModelSpec;
import io.screenalytics.voice.audio.AudioDecodeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Collects each episode's request, closed tracks, detect-track's completion (how many tracks to expect) and voice
 * result (all four keyed by episode id on 4 partitions, so one worker sees a whole episode), and once the tracks and
 * the speech are in, plans the contested spans ({@link io.screenalytics.asd.span.SpanPlanner}), scores them
 * ({@link SpanScorer}) and publishes the episode's {@link AsdScores} on {@link Topics#ASD}.
 *
 * <p>The stage never fails the episode: status events of stage {@code asd} are {@code STARTED}, {@code PROGRESS}
 * ({@code spans_done} of {@code spans}) and {@code STAGE_COMPLETED}, never {@code FAILED} (assembly drops an episode
 * on any stage's {@code FAILED}, and an active speaker problem must not cost the faces or the voices). A video or
 * audio that cannot be decoded, a model error or any other exception while scoring makes the result {@code FAILED}
 * with the reason; voices are then linked as without it. Crash containment as the voice stage's: each attempt is
 * marked before the video is opened, and after {@code asd.max.episode.attempts} attempts that killed the process the
 * result is {@code FAILED} ({@code crashed:}) without another attempt. An episode whose voice result does not come
 * within {@code asd.voice.wait.ms} after its tracks gets a {@code FAILED} result too.
 *
 * <p>Commits are held at each partition's oldest unfinished episode ({@link EpisodeOffsets}), so a new owner
 * replays it; outputs are keyed ({@code episode_id} + {@code chunk}), so a replay overwrites. One instance per
 * worker thread.
 */
final class AsdHandler implements BatchHandler<Object> {

  private static final Logger LOG = LoggerFactory.getLogger(AsdHandler.class);
  /** Logits per {@link AsdScores} record at most: 2 MB of floats, half the topic's 4 MiB. */
  static final int MAX_LOGITS_PER_RECORD = 500_000;
  /** Episodes remembered as finished, so late redeliveries do not start a new accumulation. */
  private static final int FINISHED_MEMORY = 1024;
  private static final String DETECT_TRACK_STAGE = "detect-track";

  private final AsdConfig config;
  private final SpanScorer scorer;
  private final ModelSpec model;
  private final Clock clock;
  private final EpisodeAttempts.Counter attempts;
  private final StatusPublisher status = new StatusPublisher(AsdConfig.NAME);
  /** Steps timed (latency and CPU, {@code bench/run episode}'s cost table): span planning, per episode. */
  private final StageTimer planTimer = StageTimer.of(AsdConfig.NAME, "plan");
  /** Keyframes, dense decoding and cropping of the spans (CPU only; the latency is the score step's). */
  private final StageTimer decodeTimer = StageTimer.of(AsdConfig.NAME, "decode");
  /** Audio, MFCC and Light-ASD of the spans; its latency sample is the whole scoring of an episode's spans. */
  private final StageTimer scoreTimer = StageTimer.of(AsdConfig.NAME, "score");
  private final Map<String, AsdEpisode> episodes = new HashMap<>();
  private final EpisodeHolds held = new EpisodeHolds();
  private final Map<String, Boolean> finished = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > FINISHED_MEMORY;
    }
  };
  private final TopicRoutes routes = new TopicRoutes()
      .on(Topics.INGEST, this::onRequest)
      .on(Topics.TRACKS, this::onTrack)
      .on(Topics.VOICE, this::onVoice)
      .on(Topics.STATUS, this::onStatus);

  /**
   * @param scorer   this worker's model and decoder
   * @param model    the scoring model's spec (name and hash, for the result)
   * @param attempts counts the stage's unfinished attempts on an episode (crash containment)
   */
  AsdHandler(AsdConfig config, SpanScorer scorer, ModelSpec model, Clock clock, EpisodeAttempts.Counter attempts) {
    this.config = config;
    this.scorer = scorer;
    this.model = model;
    this.clock = clock;
    this.attempts = attempts;
  }

  @Override
  public void handle(List<Delivery<Object>> batch, Emitter out) throws Exception {
    for (Delivery<Object> d : batch) routes.dispatch(d, out);
    completeReady(out);
  }

  @Override
  public void onIdle(Emitter out) throws IOException {
    completeReady(out);
  }

  private void onRequest(Delivery<EpisodeRequest> d, Emitter out) {
    EpisodeRequest r = d.value();
    String id = r.getEpisodeId();
    if (!EpisodeIds.isValid(id) || r.getChunk() != null) {
      hold(d, null); // an invalid id is the decoder's to report; chunk records are the decoder group's work
      return;
    }
    AsdEpisode running = episodes.get(id);
    if (running != null && running.request != null && running.request.getRequestedAtMs() != r.getRequestedAtMs()) {
      // one run at a time (EpisodeRuns), as assembly: the decoder refuses a request while a run is in flight, so the
      // run keeps its own tracks (replacing it lost the tracks already held and waited forever: BadInputIT)
      LOG.warn("episode {}: a request made while a run of it is in flight is left out of that run", id);
      hold(d, null);
      return;
    }
    finished.remove(id);
    if (hold(d, id)) {
      episode(id).request = r;
      status.publish(out, id, EpisodeState.STARTED, null, Map.of(), null);
    }
  }

  private void onTrack(Delivery<ClosedTrack> d, Emitter out) {
    ClosedTrack t = d.value();
    if (hold(d, t.getEpisodeId()) && !finished.containsKey(t.getEpisodeId())) episode(t.getEpisodeId()).add(t);
  }

  private void onVoice(Delivery<VoiceWindows> d, Emitter out) {
    VoiceWindows v = d.value();
    if (hold(d, v.getEpisodeId()) && !finished.containsKey(v.getEpisodeId())) episode(v.getEpisodeId()).add(v);
  }

  private void onStatus(Delivery<EpisodeStatus> d, Emitter out) {
    EpisodeStatus s = d.value();
    String id = s.getEpisodeId();
    if (s.getState() == EpisodeState.FAILED && !AsdConfig.NAME.equals(s.getStage())) {
      // another stage failed the episode: assembly drops it, so no active speaker result is needed
      hold(d, null);
      finished.put(id, true);
      if (episodes.remove(id) != null) LOG.info("episode {} dropped: {} failed", id, s.getStage());
      release(id);
      return;
    }
    boolean tracksDone = DETECT_TRACK_STAGE.equals(s.getStage()) && s.getState() == EpisodeState.STAGE_COMPLETED;
    // the detect-track completion is held with the episode: a replay must see the count of tracks again
    if (hold(d, tracksDone ? id : null) && tracksDone && !finished.containsKey(id)) {
      Double tracks = s.getCounters().get("tracks");
      episode(id).tracksExpected = tracks == null ? 0 : tracks.longValue();
    }
  }

  /** Scores the episodes whose tracks and speech are in, or whose wait for the speech is over. */
  private void completeReady(Emitter out) throws IOException {
    long now = clock.millis();
    for (AsdEpisode e : List.copyOf(episodes.values())) {
      if (!e.tracksComplete()) continue;
      if (e.tracksCompleteAtMs < 0) e.tracksCompleteAtMs = now;
      if (e.voiceComplete() || now - e.tracksCompleteAtMs >= config.voiceWait().toMillis()) complete(e, out);
    }
  }

  private void complete(AsdEpisode e, Emitter out) throws IOException {
    String id = e.episodeId;
    episodes.remove(id);
    finished.put(id, true);
    release(id);
    MDC.put("episode_id", id);
    long t0 = System.nanoTime();
    long c0 = StageCpu.threadNanos();
    try {
      Outcome o;
      if (!beginAttempt(e, out)) {
        o = Outcome.failed("crashed: the asd stage stopped " + config.service().maxEpisodeAttempts() + " times while"
            + " scoring this episode; its active speaker result is given up (faces and voices are not affected)");
      } else {
        o = score(e, out);
      }
      publish(out, id, o);
      long cpu = StageCpu.threadNanos() - c0;
      Map<String, Double> counters = new LinkedHashMap<>(o.counters);
      counters.put("seconds", (System.nanoTime() - t0) / 1e9);
      counters.put("cpu_seconds", cpu / 1e9);
      status.publish(out, id, EpisodeState.STAGE_COMPLETED, o.reason, counters, null);
      LOG.info("episode {}: active speaker {} ({} spans, {} of them a face in doubt, {} s contested, {} CPU-s){}", id,
          o.status, o.spans.size(), counters.getOrDefault("doubt_spans", 0.0).intValue(),
          String.format(Locale.ROOT, "%.1f", counters.getOrDefault("contested_seconds", 0.0)),
          String.format(Locale.ROOT, "%.2f", cpu / 1e9),
          o.reason == null ? "" : ": " + o.reason);
    } finally {
      MDC.remove("episode_id");
    }
  }

  /** The episode's result; every failure of the input or the model becomes a {@code FAILED} outcome. */
  private Outcome score(AsdEpisode e, Emitter out) throws IOException {
    if (!e.voiceComplete()) {
      return Outcome.failed("voice_wait: no voice result within asd.voice.wait.ms after the tracks");
    }
    if (e.voiceStatus() != VoiceStatus.OK) {
      return Outcome.ok(List.of(), "no speech to decide on: voice " + e.voiceStatus()
          + (e.voiceReason() == null ? "" : ": " + e.voiceReason()), Map.of());
    }
    long t0 = System.nanoTime();
    long c0 = StageCpu.threadNanos();
    List<ContestedSpan> spans = config.planner().plan(List.copyOf(e.tracks().values()), e.speech(), e.windows(),
        e.embeddings());
    planTimer.record(System.nanoTime() - t0, StageCpu.threadNanos() - c0);
    double contested = spans.stream().mapToDouble(ContestedSpan::seconds).sum();
    Map<String, Double> counters = new LinkedHashMap<>();
    counters.put("spans", (double) spans.size());
    counters.put("contested_seconds", contested);
    // the face-in-doubt spans are the one-face ones (a contested span has two or more faces)
    counters.put("doubt_spans", (double) spans.stream().filter(s -> s.trackIds().size() == 1).count());
    if (spans.isEmpty()) return Outcome.ok(List.of(), null, counters); // single-face footage: no decode at all
    status.publish(out, e.episodeId, EpisodeState.PROGRESS, null, Map.of("spans_done", 0.0,
        "spans", (double) spans.size()), null);
    Path downloaded = null;
    long decoded0 = scorer.framesDecoded();
    long faces0 = scorer.faceFrames();
    long decodeCpu0 = scorer.decodeCpuNanos();
    long scoreCpu0 = scorer.scoreCpuNanos();
    long scoring0 = System.nanoTime();
    try {
      String location = e.request.getVideoUri();
      if (ArtifactStores.isS3Uri(location)) {
        downloaded = ArtifactStores.fetch(location, config.storeSettings(), config.tempDir());
        location = downloaded.toString();
      }
      List<ScoredSpan> scored = scorer.score(location, spans, e.tracks(), new SpanScorer.Listener() {
        @Override public void frameDone() {
          Governors.of(AsdConfig.NAME).ifPresent(CpuGovernor::checkpoint);
        }

        @Override public void spanDone(int done, int of) {
          status.publish(out, e.episodeId, EpisodeState.PROGRESS, null, Map.of("spans_done", (double) done,
              "spans", (double) of), null);
        }
      });
      counters.put("frames_decoded", (double) (scorer.framesDecoded() - decoded0));
      counters.put("face_frames", (double) (scorer.faceFrames() - faces0));
      return Outcome.ok(scored, null, counters);
    } catch (AudioDecodeException ex) {
      return Outcome.failed("audio: " + ex.getMessage());
    } catch (RuntimeException ex) {
      // a bad span, an undecodable video, a model error: this episode's result fails, never the process
      LOG.warn("episode {}: active speaker scoring failed", e.episodeId, ex);
      return Outcome.failed(ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } finally {
      decodeTimer.addCpu(scorer.decodeCpuNanos() - decodeCpu0);
      scoreTimer.record(System.nanoTime() - scoring0, scorer.scoreCpuNanos() - scoreCpu0);
      if (downloaded != null) Files.deleteIfExists(downloaded);
    }
  }

  /** Publishes the result in chunks of at most {@value #MAX_LOGITS_PER_RECORD} logits (a span is never split). */
  private void publish(Emitter out, String id, Outcome o) {
    List<List<AsdSpan>> chunks = new ArrayList<>();
    List<AsdSpan> chunk = new ArrayList<>();
    int logits = 0;
    for (ScoredSpan s : o.spans) {
      List<AsdTrackLogits> tracks = new ArrayList<>();
      int n = 0;
      for (ScoredSpan.TrackScores t : s.tracks()) {
        List<Float> values = new ArrayList<>(t.logits().length);
        for (float f : t.logits()) values.add(f);
        tracks.add(new AsdTrackLogits(t.trackId(), values));
        n += values.size();
      }
      if (!chunk.isEmpty() && logits + n > MAX_LOGITS_PER_RECORD) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        logits = 0;
      }
      chunk.add(new AsdSpan(s.span().index(), s.span().startS(), s.span().endS(), tracks));
      logits += n;
    }
    chunks.add(chunk);
    for (int c = 0; c < chunks.size(); c++) {
      out.send(Topics.ASD, id, AsdScores.newBuilder().setEpisodeId(id).setChunk(c).setChunks(chunks.size())
          .setStatus(o.status).setReason(o.reason).setModel(model.name())
          .setModelSha256(model.sha256() == null ? "" : model.sha256())
          .setFps(io.screenalytics.asd.model.LightAsd.FPS).setSpans(chunks.get(c)).build());
    }
  }

  /**
   * Crash containment without failing the episode: under {@code asd.max.episode.attempts} unfinished attempts the
   * next is marked (flushed before the video is opened); at the limit, false. ({@link EpisodeAttempts#begin} would
   * publish the episode's {@code FAILED}, which drops the faces too.)
   */
  private boolean beginAttempt(AsdEpisode e, Emitter out) {
    return EpisodeAttempts.beginBeside(attempts, config.service().maxEpisodeAttempts(), out, status, e.episodeId,
        e.request.getRequestedAtMs());
  }

  private AsdEpisode episode(String id) {
    return episodes.computeIfAbsent(id, AsdEpisode::new);
  }

  /**
   * Notes a consumed record's position against its episode, for {@link #commitOffset}.
   *
   * @return false when the record was processed here before (a redelivery)
   */
  private boolean hold(Delivery<?> d, String episodeId) {
    return held.hold(d, episodeId == null || finished.containsKey(episodeId) ? null : episodeId);
  }

  private void release(String episodeId) {
    held.release(episodeId);
  }

  @Override
  public long commitOffset(TopicPartition partition, long nextOffset) {
    return held.commitOffset(partition, nextOffset);
  }

  /** Accumulations of revoked partitions are dropped; their new owner replays them from the held offsets. */
  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions, Emitter out) {
    episodes.clear();
    held.clear();
    finished.clear();
  }

  /** An episode's active speaker result before it is published. */
  private record Outcome(AsdStatus status, String reason, List<ScoredSpan> spans, Map<String, Double> counters) {
    static Outcome ok(List<ScoredSpan> spans, String reason, Map<String, Double> counters) {
      return new Outcome(AsdStatus.OK, reason, spans, counters);
    }

    static Outcome failed(String reason) {
      return new Outcome(AsdStatus.FAILED, reason, List.of(), Map.of());
    }
  }
}
