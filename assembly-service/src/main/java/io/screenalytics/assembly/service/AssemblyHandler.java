package io.screenalytics.assembly.service;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.Facebanks;
import io.screenalytics.identities.identity.ChunkBoundaryJoin;
import io.screenalytics.identities.voice.EpisodeVoices.VoiceState;
import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.VoiceInput;
import io.screenalytics.identities.voice.Voicebanks;
import io.screenalytics.output.AssemblyRecipe;
import io.screenalytics.output.manifest.EpisodeLayout;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.kafka.EpisodeHolds;
import io.screenalytics.runtime.kafka.TopicRoutes;
import io.screenalytics.runtime.status.EpisodeAttempts;
import io.screenalytics.runtime.status.EpisodeRuns;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.ClosedTrack;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topics;
import io.screenalytics.schemas.VoiceWindows;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects each episode's request, closed tracks and face embeddings (co-partitioned by episode id, so one
 * worker sees a whole episode), and once the request and everything announced by the detect-track totals have
 * arrived, in any order (a replay after a crash delivers them mixed, the request possibly last),
 * joins the tracks split at chunk boundaries, then runs the assembly recipe ({@link AssemblyRecipe}: groups tracks
 * into identities, matches the cast facebank, computes screen time, links the voices, writes the manifests and the
 * HTML report to the artifact store) and publishes the episode's
 * {@code COMPLETED} event. A {@code FAILED} event of any stage drops the episode.
 *
 * <p>Voices: the episode's {@code VoiceWindows} chunks are collected too. An episode whose faces are complete waits
 * for the voice result (every chunk, or a {@code NO_AUDIO} / {@code FAILED} one) within {@code StageWait}'s bound,
 * checked on every batch and idle poll; then its voices are linked to its identities and named from the store's
 * voicebank (the recipe's {@code SpeechAssembler}). A voice result that failed, or that a started voice stage did not deliver in
 * time, completes the episode with {@code COMPLETED_WITH_WARNINGS} and the reason; the faces are written either
 * way.
 *
 * <p>Active speakers: the episode's {@code AsdScores} chunks likewise, within {@code StageWait}'s bound; the result
 * goes with the voices ({@code VoiceInput}) so that a voice is linked to the face that speaks where the stage scored
 * two faces on screen. Missing or failed, the voices are linked by presence alone; the episode still completes.
 *
 * <p>Progress: every {@value StatusPublisher#FRAMES_EMBEDDED_EVERY} distinct frames whose embeddings have arrived, and when a poll
 * finds nothing new (so the count of a paused episode is not left up to 15 frames behind), it publishes a
 * {@code PROGRESS} event with the counter {@value StatusPublisher#FRAMES_EMBEDDED}; the {@code COMPLETED} event carries it too.
 * The decoder bounds the frames in flight by it (back-pressure). The count is of distinct frame indices, so records
 * redelivered or embedded twice do not inflate it; after a restart or a rebalance the new owner replays the
 * episode's records and counts again from 0, publishing counts it had reported before (readers take the largest).
 * One instance per worker thread.
 */
final class AssemblyHandler implements BatchHandler<Object> {

  private static final Logger LOG = LoggerFactory.getLogger(AssemblyHandler.class);
  /** Episodes remembered as finished, so late redeliveries do not start a new accumulation. */
  private static final int FINISHED_MEMORY = 1024;
  /** The status stage of the voice service. */
  private static final String VOICE_STAGE = "voice";
  /** The status stage of the active speaker service. */
  private static final String ASD_STAGE = "asd";
  private static final AssemblyRecipe RECIPE = new AssemblyRecipe();

  private final AssemblyServiceConfig config;
  private final ArtifactStore store;
  private final Clock clock;
  private final StatusPublisher status = new StatusPublisher("assembly");
  private final Map<String, EpisodeAccumulator> episodes = new HashMap<>();
  /** Per input partition: the episodes whose records it holds, for {@link #commitOffset}. */
  private final EpisodeHolds held = new EpisodeHolds();
  private final Map<String, Boolean> finished = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > FINISHED_MEMORY;
    }
  };

  /** Per episode, the {@code requested_at_ms} of the last request the decoder refused, bounded like {@link #finished}. */
  private final Map<String, Long> refused = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > FINISHED_MEMORY;
    }
  };

  /** Episodes whose active speaker stage was seen before any of their other records, bounded like {@link #finished}. */
  private final Map<String, Boolean> asdSeen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > FINISHED_MEMORY;
    }
  };

  /** Episodes whose voice stage was seen before any of their other records, bounded like {@link #finished}. */
  private final Map<String, Boolean> voiceSeen = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
      return size() > FINISHED_MEMORY;
    }
  };

  private final EpisodeAttempts.Counter attempts;
  /** Each input topic to its method, by the topic's value type. */
  private final TopicRoutes routes = new TopicRoutes()
      .on(Topics.INGEST, this::onRequest)
      .on(Topics.STATUS, this::onStatus)
      .on(Topics.EMBEDDINGS, this::onEmbeddings)
      .on(Topics.TRACKS, this::onTrack)
      .on(Topics.VOICE, this::onVoice)
      .on(Topics.ASD, this::onAsd);

  AssemblyHandler(AssemblyServiceConfig config, ArtifactStore store, Clock clock) {
    this(config, store, clock, EpisodeAttempts.Counter.NONE);
  }

  /**
   * @param attempts counts earlier attempts at completing an episode (crash containment): completion, where the
   *                 clustering, the manifests and the thumbnails run, is marked before it starts, and an episode
   *                 whose completion killed the process {@code assembly.max.episode.attempts} times fails as
   *                 {@code crashed:}
   */
  AssemblyHandler(AssemblyServiceConfig config, ArtifactStore store, Clock clock, EpisodeAttempts.Counter attempts) {
    this.config = config;
    this.store = store;
    this.clock = clock;
    this.attempts = attempts;
  }

  @Override
  public void handle(List<Delivery<Object>> batch, Emitter out) throws Exception {
    for (Delivery<Object> d : batch) {
      routes.dispatch(d, out);
    }
    completeWaited(out);
  }

  private void onRequest(Delivery<EpisodeRequest> d, Emitter out) throws IOException {
    EpisodeRequest r = d.value();
    EpisodeAccumulator running = episodes.get(r.getEpisodeId());
    boolean otherRun = running != null && running.request != null
        && running.request.getRequestedAtMs() != r.getRequestedAtMs();
    Long refusedAt = refused.get(r.getEpisodeId());
    if (otherRun || (refusedAt != null && refusedAt == r.getRequestedAtMs())) {
      // one run at a time (EpisodeRuns): the decoder refuses a request while a run is in flight; the run keeps its own
      LOG.warn("episode {}: a request made while a run of it is in flight is left out of that run",
          r.getEpisodeId());
      hold(d, null);
      return;
    }
    finished.remove(r.getEpisodeId()); // pushed again: a new run
    if (hold(d, r.getEpisodeId())) {
      // on a replay every input is there at once and one poll mixes partitions: the episode's embeddings
      // and tracks may come before its request, so the request joins the accumulation rather than restart it
      accumulator(r.getEpisodeId()).ifPresent(acc -> acc.request = r);
      completeIfReady(r.getEpisodeId(), out);
    }
  }

  private void onStatus(Delivery<EpisodeStatus> d, Emitter out) {
    EpisodeStatus s = d.value();
    EpisodeRuns.refused(s).ifPresent(at -> {
      // the decoder refused a request (a run was in flight): an accumulation started by it alone goes
      refused.put(s.getEpisodeId(), at);
      EpisodeAccumulator acc = episodes.get(s.getEpisodeId());
      if (acc != null && acc.request != null && acc.request.getRequestedAtMs() == at && acc.totals == null
          && acc.framesEmbedded() == 0) {
        episodes.remove(s.getEpisodeId());
        finished.put(s.getEpisodeId(), true);
        release(s.getEpisodeId());
        LOG.info("episode {}: the request the decoder refused is dropped", s.getEpisodeId());
      }
    });
    if (VOICE_STAGE.equals(s.getStage()) && s.getState() != EpisodeState.FAILED) {
      // the voice stage is at work on it: a face-complete episode waits assembly.voice.wait.ms for its result
      EpisodeAccumulator acc = episodes.get(s.getEpisodeId());
      if (acc != null) {
        acc.voiceStarted = true;
      } else {
        voiceSeen.put(s.getEpisodeId(), true);
      }
    }
    if (ASD_STAGE.equals(s.getStage()) && s.getState() != EpisodeState.FAILED) {
      // the active speaker stage is at work on it: a face-complete episode waits assembly.asd.wait.ms for its result
      EpisodeAccumulator acc = episodes.get(s.getEpisodeId());
      if (acc != null) {
        acc.asdStarted = true;
      } else {
        asdSeen.put(s.getEpisodeId(), true);
      }
    }
    if (hold(d, null) && s.getState() == EpisodeState.FAILED && !"assembly".equals(s.getStage())) {
      // remembered as finished too: records of it still in flight (frames an attempt killed mid-episode
      // published, crash containment) must not start an accumulation that would hold the commit for ever
      finished.put(s.getEpisodeId(), true);
      if (episodes.remove(s.getEpisodeId()) != null) {
        LOG.info("episode {} dropped: {} failed", s.getEpisodeId(), s.getStage());
      }
      release(s.getEpisodeId());
    }
  }

  private void onEmbeddings(Delivery<FaceEmbeddings> d, Emitter out) throws IOException {
    FaceEmbeddings e = d.value();
    if (hold(d, e.getEpisodeId())) {
      Optional<EpisodeAccumulator> acc = accumulator(e.getEpisodeId());
      if (acc.isPresent()) {
        acc.get().add(e);
        reportProgress(acc.get(), false, out);
      }
      completeIfReady(e.getEpisodeId(), out);
    }
  }

  private void onVoice(Delivery<VoiceWindows> d, Emitter out) throws IOException {
    VoiceWindows v = d.value();
    if (hold(d, v.getEpisodeId())) {
      accumulator(v.getEpisodeId()).ifPresent(acc -> acc.add(v));
      completeIfReady(v.getEpisodeId(), out);
    }
  }

  private void onAsd(Delivery<AsdScores> d, Emitter out) throws IOException {
    AsdScores a = d.value();
    if (hold(d, a.getEpisodeId())) {
      accumulator(a.getEpisodeId()).ifPresent(acc -> acc.add(a));
      completeIfReady(a.getEpisodeId(), out);
    }
  }

  /** Completes the face-complete episodes whose wait for a voice result is over. */
  private void completeWaited(Emitter out) throws IOException {
    for (String id : List.copyOf(episodes.keySet())) {
      completeIfReady(id, out);
    }
  }

  private void onTrack(Delivery<ClosedTrack> d, Emitter out) throws IOException {
    ClosedTrack t = d.value();
    if (hold(d, t.getEpisodeId())) {
      accumulator(t.getEpisodeId()).ifPresent(acc -> acc.add(t));
      completeIfReady(t.getEpisodeId(), out);
    }
  }

  /**
   * Notes a consumed record's position against its episode, for {@link #commitOffset}.
   *
   * @param episodeId the episode to hold the partition's commit for, or null for records accumulated nowhere
   * @return false when the record was processed here before (a redelivery: already accumulated)
   */
  private boolean hold(Delivery<?> d, String episodeId) {
    return held.hold(d, episodeId == null || finished.containsKey(episodeId) ? null : episodeId);
  }

  /**
   * Publishes the episode's {@value StatusPublisher#FRAMES_EMBEDDED} count when it has reached a new multiple of
   * {@value StatusPublisher#FRAMES_EMBEDDED_EVERY}, or, with {@code unreported}, whenever it is ahead of the last count published.
   */
  private void reportProgress(EpisodeAccumulator acc, boolean unreported, Emitter out) {
    int n = acc.framesEmbedded();
    if (n <= acc.framesReported
        || (!unreported && n / StatusPublisher.FRAMES_EMBEDDED_EVERY <= acc.framesReported / StatusPublisher.FRAMES_EMBEDDED_EVERY)) {
      return;
    }
    acc.framesReported = n;
    status.publish(out, acc.episodeId, EpisodeState.PROGRESS, null, Map.of(StatusPublisher.FRAMES_EMBEDDED, (double) n), null);
  }

  /** A poll found nothing: counts not yet published (under a multiple of the step) are published now. */
  @Override
  public void onIdle(Emitter out) throws IOException {
    for (EpisodeAccumulator acc : episodes.values()) {
      reportProgress(acc, true, out);
    }
    completeWaited(out);
  }

  private Optional<EpisodeAccumulator> accumulator(String episodeId) {
    if (finished.containsKey(episodeId)) {
      return Optional.empty();
    }
    return Optional.of(episodes.computeIfAbsent(episodeId, id -> {
      EpisodeAccumulator acc = new EpisodeAccumulator(id, clock.millis());
      acc.voiceStarted = voiceSeen.remove(id) != null;
      acc.asdStarted = asdSeen.remove(id) != null;
      return acc;
    }));
  }

  private void completeIfReady(String episodeId, Emitter out) throws IOException {
    EpisodeAccumulator acc = episodes.get(episodeId);
    if (acc == null || !acc.isComplete(config.voiceWait(), config.asdWait(), clock.millis())) {
      return;
    }
    episodes.remove(episodeId);
    finished.put(episodeId, true);
    release(episodeId);
    // crash containment: the attempt is on record before the work that could crash the process
    if (!EpisodeAttempts.begin(attempts, config.service().maxEpisodeAttempts(), out, status, episodeId,
        acc.request.getRequestedAtMs())) {
      return;
    }
    try {
      complete(acc, out);
    } catch (RuntimeException e) {
      LOG.error("episode {}: assembly failed", episodeId, e);
      status.failed(out, episodeId, "assembly failed: " + e);
    }
  }

  private void complete(EpisodeAccumulator acc, Emitter out) throws IOException {
    long t0 = System.nanoTime();
    Facebank facebank = Facebanks.load(store, acc.request.getFacebankUri());
    var faces = acc.facesOfKeptTracks();
    var tracks = acc.tracks();
    Map<Integer, Integer> joinedInto = Map.of();
    var boundaries = ChunkBoundaryJoin.boundaries(acc.totals.getChunkFirstFrameIdx(),
        acc.totals.getChunkLastFrameIdx());
    if (!boundaries.isEmpty()) {
      // decoded in chunks: a face seen across a chunk boundary was tracked as two tracks
      ChunkBoundaryJoin.Joined joined = new ChunkBoundaryJoin().join(tracks, faces, boundaries);
      faces = joined.faces();
      tracks = joined.tracks();
      joinedInto = joined.joinedInto();
      LOG.info("episode {}: {} chunk boundaries, {} tracks joined across them", acc.episodeId, boundaries.size(),
          joined.joinedInto().size());
    }
    // a rerun applies the episode's review decisions again
    DecisionLog decisions = DecisionLog.forRun(store, acc.episodeId, acc.request.getFacebankUri());
    EpisodeVoices waited = acc.voice.isComplete() ? acc.voice.voices() : EpisodeVoices.empty(VoiceState.MISSING,
        "voice_wait: no voice result " + (acc.voiceStarted ? "within assembly.voice.wait.ms after the faces"
            : "and no voice stage seen within assembly.voice.start.wait.ms after the faces"));
    AssemblyResult result = RECIPE.assemble(acc.info(), faces, tracks, facebank, config.assembly(),
        Models.of(acc.totals.getDetectorModel(), acc.embedderModel), decisions,
        Optional.of(new VoiceInput(waited, Voicebanks.load(store), acc.asd(joinedInto))));
    RECIPE.write(store, result, facebank);
    // the voice result as assembled: FAILED when joining the voices failed
    EpisodeVoices voices = result.speech().voices();
    String outputUri = ArtifactStores.uri(store, new EpisodeLayout(acc.episodeId).prefix());
    Map<String, Double> counters = new LinkedHashMap<>();
    counters.put("frames", (double) acc.totals.getFrames());
    counters.put(StatusPublisher.FRAMES_EMBEDDED, (double) acc.framesEmbedded());
    counters.put("faces", (double) faces.size());
    counters.put("faces_of_dropped_tracks", (double) (acc.faceCount() - faces.size()));
    counters.put("tracks", (double) acc.tracks().size());
    counters.put("identities", (double) result.identities().size());
    counters.put("speech_seconds", voices.speechSeconds());
    counters.put("speakers", (double) result.speech().speakers().size());
    counters.put("assembly_ms", (System.nanoTime() - t0) / 1e6);
    // no audio is a result, and so is no voice stage at all (a deployment without one); a voice result that
    // failed, or that the voice stage started on and did not deliver in time, is a warning: the faces are complete
    String voiceNote = voices.state() == VoiceState.OK ? null : "voices " + voices.state() + ": " + voices.reason();
    boolean warn = voices.state() == VoiceState.FAILED || voices.state() == VoiceState.MISSING && acc.voiceStarted;
    status.publish(out, acc.episodeId, warn ? EpisodeState.COMPLETED_WITH_WARNINGS : EpisodeState.COMPLETED,
        voiceNote, counters, outputUri);
    LOG.info("episode {} assembled: {} identities from {} tracks, {} faces, {} speakers ({}) -> {}", acc.episodeId,
        result.identities().size(), acc.tracks().size(), faces.size(), result.speech().speakers().size(),
        voices.state(), outputUri);
  }

  /**
   * Holds each partition's commit at the first record of its oldest unfinished episode, so that after a crash
   * or a rebalance the new owner replays those episodes and rebuilds their accumulators.
   */
  @Override
  public long commitOffset(TopicPartition partition, long nextOffset) {
    return held.commitOffset(partition, nextOffset);
  }

  private void release(String episodeId) {
    held.release(episodeId);
  }

  /**
   * Accumulations of the revoked partitions are dropped; their records were not committed past their
   * episodes' first records, so the partitions' new owner replays and completes them.
   */
  @Override
  public void onPartitionsRevoked(Collection<TopicPartition> partitions, Emitter out) {
    if (!episodes.isEmpty()) {
      LOG.info("partitions {} revoked: {} episode(s) in progress will be replayed by their new owner",
          partitions, episodes.size());
    }
    episodes.clear();
    held.clear();
    finished.clear();
    voiceSeen.clear();
    asdSeen.clear();
  }
}
