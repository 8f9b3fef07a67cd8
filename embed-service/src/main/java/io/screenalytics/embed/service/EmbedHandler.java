package io.screenalytics.embed.service;

import io.screenalytics.embed.quality.QualityGate;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.kafka.Delivery;
import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.metrics.Metric;
import io.screenalytics.runtime.metrics.ServiceMetrics;
import io.screenalytics.runtime.cpu.StageCpu;
import io.screenalytics.runtime.metrics.StageTimer;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.AvroValues;
import io.screenalytics.schemas.DetectedFace;
import io.screenalytics.schemas.EmbeddedFace;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.FaceBatch;
import io.screenalytics.schemas.FaceEmbeddings;
import io.screenalytics.schemas.Topics;
import io.screenalytics.vision.embed.DegenerateEmbeddingException;
import io.screenalytics.vision.embed.FaceEmbedder;
import io.screenalytics.vision.image.BgrImage;
import io.screenalytics.vision.image.ImageOps;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Embeds every face of every frame of a poll in as few model calls as {@code embed.max.batch} allows
 * (whole-frame batches, and several frames per call: the consumer settings make each poll bring several
 * frames), after the {@link QualityGate}; publishes one
 * {@link FaceEmbeddings} per input frame, keyed by episode id, with skipped faces and their reasons.
 *
 * <p>Nothing is held across polls: the runtime commits a poll's offsets right after {@link #handle} returns, so
 * every face of the poll has its output sent by then (no face is lost on a crash; a replay overwrites by face
 * id). A crop whose embedding has zero norm is marked {@value #ZERO_NORM} and the rest of the poll is embedded
 * again without it. Other model failures propagate: the loop retries the poll's frames one at a time and then
 * dead-letters them.
 *
 * <p>Step timings, when the service's metrics run ({@link ServiceMetrics#of} at construction; absent when the
 * handler runs outside a started service, as in unit tests, and then nothing is recorded): {@link
 * Metric#STAGE_LATENCY} timers, wall time in nanoseconds from {@link System#nanoTime()}:
 *
 * <ul>
 *   <li>{@code quality}: one sample per input frame: the {@link QualityGate} over the frame's faces, with the copy
 *       of each passing crop out of the record for the model;
 *   <li>{@code embed}: one sample per model call (session run): packing the crops, the run and normalising the
 *       vectors. An embedder call making several runs (more crops than {@code embed.max.batch}, or a model that
 *       runs per face) records each run at the call's mean, so the count is always the number of runs. Runs that
 *       end in a degenerate embedding or fail count too.
 * </ul>
 *
 * <p>Progress: a {@code PROGRESS} status event of stage {@code embed} for an episode when this worker first sees
 * it, then at most every {@value #PROGRESS_EVERY_MS} ms while it keeps seeing it, and when it embeds the episode's
 * last frame; its counters are this worker's ({@code frames}, {@code faces} embedded, {@code faces_skipped}: an
 * episode's frames are spread over the embed instances) with the service's {@code cpu_percent} and
 * {@code threads}. These counts are for watching; nothing depends on them.
 *
 * <p>Stateless across polls but for those counts, so instances scale as a consumer group. One instance per worker
 * thread.
 */
final class EmbedHandler implements BatchHandler<FaceBatch> {

  /** Skip reason of a face whose embedding had zero or non-finite norm. */
  static final String ZERO_NORM = "zero_norm_embedding";

  /**
   * Skip reason of every face of a frame whose face batch the service's process died on {@code
   * embed.max.record.attempts} times (see {@link #onCrashed}): not embedded, still counted for screen time.
   */
  static final String CRASHED = "crashed";
  /** Least time between two progress events of one episode from one worker, milliseconds. */
  static final long PROGRESS_EVERY_MS = 2_000;
  /**
   * Skip reason of a face detect-track did not mark for embedding (between its track's cadence points,
   * {@code detect.embed.every.frames}): no model call; it still counts for screen time.
   */
  static final String CADENCE = "cadence";
  /** Episodes whose counts a worker keeps (the least recently seen are forgotten). */
  private static final int EPISODES_COUNTED = 256;

  private static final Logger LOG = LoggerFactory.getLogger(EmbedHandler.class);

  /** This worker's counts of one episode. */
  private static final class EpisodeCounts {
    long frames;
    long faces;
    long skipped;
    long publishedAtMs = Long.MIN_VALUE;
  }

  /** What the handler needs of an embedder ({@code FaceEmbedder} in production). */
  interface Embedder {
    /**
     * {@code float[N][D]} L2-normalised vectors of packed BGR24 crops, in as few model calls as allowed.
     *
     * @throws DegenerateEmbeddingException naming the crop whose vector has zero norm
     */
    float[][] embed(List<byte[]> crops);

    /** Model calls made so far. */
    long modelRuns();

    /** The model name recorded on every output (assembly matches facebank seeds of this model). */
    String modelName();

    /** The production embedder: a {@link FaceEmbedder} session, named by its model spec. */
    static Embedder of(FaceEmbedder embedder) {
      return new Embedder() {
        @Override
        public float[][] embed(List<byte[]> crops) {
          return embedder.embed(crops);
        }

        @Override
        public long modelRuns() {
          return embedder.modelRuns();
        }

        @Override
        public String modelName() {
          return embedder.spec().name();
        }
      };
    }
  }

  private final EmbedConfig config;
  private final Embedder embedder;
  private final EmbedStats stats;
  /** Step timers of the running service; null when its metrics are not running. */
  private final StageTimer qualityTimer;
  private final StageTimer embedTimer;
  private final StatusPublisher status = new StatusPublisher(EmbedConfig.NAME);
  private final Map<String, EpisodeCounts> counts = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, EpisodeCounts> eldest) {
      return size() > EPISODES_COUNTED;
    }
  };

  EmbedHandler(EmbedConfig config, Embedder embedder, EmbedStats stats) {
    this.config = config;
    this.embedder = embedder;
    this.stats = stats;
    this.qualityTimer = StageTimer.of(EmbedConfig.NAME, "quality");
    this.embedTimer = StageTimer.of(EmbedConfig.NAME, "embed");
  }

  @Override
  public void handle(List<Delivery<FaceBatch>> batch, Emitter out) {
    List<byte[]> crops = new ArrayList<>();
    List<String[]> reasons = new ArrayList<>(batch.size());
    int faceCount = 0;
    for (Delivery<FaceBatch> d : batch) {
      long gateStart = System.nanoTime();
      long gateCpu = StageCpu.threadNanos();
      List<DetectedFace> faces = d.value().getFaces();
      String[] reason = new String[faces.size()];
      for (int i = 0; i < faces.size(); i++) {
        DetectedFace face = faces.get(i);
        reason[i] = !face.getEmbed() ? CADENCE : config.gate().reject(face.getDetScore(),
            face.getQuality().getContrast(), face.getQuality().getBlur(), face.getCrop().remaining(),
            face.getCropWidth(), face.getCropHeight()).orElse(null);
        if (reason[i] == null) {
          crops.add(AvroValues.bytes(face.getCrop()));
        }
      }
      faceCount += faces.size();
      reasons.add(reason);
      qualityTimer.record(System.nanoTime() - gateStart, StageCpu.threadNanos() - gateCpu);
    }
    stats.onPoll(batch.size(), faceCount);
    float[][] vectors = embedAll(crops);
    int next = 0;
    Set<String> episodes = new LinkedHashSet<>();
    Set<String> finished = new LinkedHashSet<>();
    for (int f = 0; f < batch.size(); f++) {
      FaceBatch in = batch.get(f).value();
      EpisodeCounts episode = counts.computeIfAbsent(in.getEpisodeId(), k -> new EpisodeCounts());
      episodes.add(in.getEpisodeId());
      if (in.getTotals() != null) {
        finished.add(in.getEpisodeId());
      }
      episode.frames++;
      List<EmbeddedFace> faces = new ArrayList<>(in.getFaces().size());
      for (int i = 0; i < in.getFaces().size(); i++) {
        String reason = reasons.get(f)[i];
        float[] vector = null;
        if (reason == null) {
          vector = vectors[next++];
          reason = vector == null ? ZERO_NORM : null;
        }
        if (reason != null) {
          stats.onSkipped(reason);
          episode.skipped++;
        } else {
          episode.faces++;
        }
        faces.add(toEmbedded(in.getFaces().get(i), vector, reason));
      }
      out.send(Topics.EMBEDDINGS, in.getEpisodeId(), FaceEmbeddings.newBuilder()
          .setEpisodeId(in.getEpisodeId()).setFrameIdx(in.getFrameIdx()).setTs(in.getTs())
          .setModel(embedder.modelName()).setFaces(faces).setTotals(in.getTotals()).build());
    }
    LOG.debug("{} frames, {} faces, {} embedded", batch.size(), faceCount, crops.size());
    publishProgress(episodes, finished, out);
  }

  /**
   * A face batch the process died on too often (the loop dead-lettered it): its frame is published with every face
   * skipped as {@value #CRASHED}, nothing computed from the crops (no model call, no thumbnail), the totals passed
   * on. So the episode completes without that frame's embeddings instead of waiting for them: its faces keep their
   * boxes and tracks and still count for screen time; the original record is on the dead-letter topic.
   */
  @Override
  public void onCrashed(Delivery<FaceBatch> record, String reason, Emitter out) {
    FaceBatch in = record.value();
    LOG.error("episode {} frame {}: {} faces not embedded: {}", in.getEpisodeId(), in.getFrameIdx(),
        in.getFaces().size(), reason);
    EpisodeCounts episode = counts.computeIfAbsent(in.getEpisodeId(), k -> new EpisodeCounts());
    episode.frames++;
    List<EmbeddedFace> faces = new ArrayList<>(in.getFaces().size());
    for (DetectedFace face : in.getFaces()) {
      stats.onSkipped(CRASHED);
      episode.skipped++;
      faces.add(EmbeddedFace.newBuilder().setFaceId(face.getFaceId()).setTrackId(face.getTrackId())
          .setBboxXyxy(face.getBboxXyxy()).setDetScore(face.getDetScore()).setQuality(face.getQuality())
          .setEmbedding(null).setSkipReason(CRASHED).setThumbnailJpeg(null).build());
    }
    out.send(Topics.EMBEDDINGS, in.getEpisodeId(), FaceEmbeddings.newBuilder()
        .setEpisodeId(in.getEpisodeId()).setFrameIdx(in.getFrameIdx()).setTs(in.getTs())
        .setModel(embedder.modelName()).setFaces(faces).setTotals(in.getTotals()).build());
  }

  /** The progress events due for the episodes of this poll (see the class comment). */
  private void publishProgress(Set<String> episodes, Set<String> finished, Emitter out) {
    long now = System.currentTimeMillis();
    for (String id : episodes) {
      EpisodeCounts c = counts.get(id);
      if (c == null || (!finished.contains(id) && c.publishedAtMs != Long.MIN_VALUE
          && now - c.publishedAtMs < PROGRESS_EVERY_MS)) {
        continue;
      }
      c.publishedAtMs = now;
      Map<String, Double> counters = new LinkedHashMap<>();
      counters.put("frames", (double) c.frames);
      counters.put("faces", (double) c.faces);
      counters.put("faces_skipped", (double) c.skipped);
      status.publish(out, id, EpisodeState.PROGRESS, null, counters, null);
    }
  }

  /**
   * Embeds all crops; a crop with a degenerate vector gets null and the others are embedded again without it.
   *
   * @return {@code float[N][D]}, rows null for degenerate crops
   */
  float[][] embedAll(List<byte[]> crops) {
    float[][] out = new float[crops.size()][];
    List<Integer> live = new ArrayList<>(crops.size());
    for (int i = 0; i < crops.size(); i++) {
      live.add(i);
    }
    long runsBefore = embedder.modelRuns();
    long t0 = System.nanoTime();
    while (!live.isEmpty()) {
      List<byte[]> call = live.stream().map(crops::get).toList();
      long callRuns = embedder.modelRuns();
      long callStart = System.nanoTime();
      long callCpu = StageCpu.threadNanos();
      try {
        float[][] vectors = embedder.embed(call);
        for (int k = 0; k < vectors.length; k++) {
          out[live.get(k)] = vectors[k];
        }
        break;
      } catch (DegenerateEmbeddingException e) {
        int dropped = live.remove(e.cropIndex());
        LOG.warn("crop {} of {} in this poll has a degenerate embedding, skipped: {}", dropped, crops.size(),
            e.getMessage());
      } finally {
        recordRuns(embedder.modelRuns() - callRuns, System.nanoTime() - callStart);
        embedTimer.addCpu(StageCpu.threadNanos() - callCpu);
      }
    }
    stats.onEmbedded((int) Arrays.stream(out).filter(v -> v != null).count(),
        embedder.modelRuns() - runsBefore, System.nanoTime() - t0);
    return out;
  }

  /** Records {@code runs} model calls that took {@code nanos} together, each at their mean. */
  private void recordRuns(long runs, long nanos) {
    for (long i = 0; i < runs; i++) {
      embedTimer.record(nanos / runs);
    }
  }

  private EmbeddedFace toEmbedded(DetectedFace face, float[] vector, String reason) {
    BgrImage crop = QualityGate.CROP_SIZE.equals(reason) ? null
        : new BgrImage(face.getCropWidth(), face.getCropHeight(), AvroValues.bytes(face.getCrop()));
    return EmbeddedFace.newBuilder()
        .setFaceId(face.getFaceId())
        .setTrackId(face.getTrackId())
        .setBboxXyxy(face.getBboxXyxy())
        .setDetScore(face.getDetScore())
        .setQuality(face.getQuality())
        .setEmbedding(vector == null ? null : AvroValues.floatList(vector))
        .setSkipReason(reason)
        .setThumbnailJpeg(crop == null ? null : ByteBuffer.wrap(ImageOps.encodeJpeg(crop, config.thumbnailQuality())))
        .build();
  }
}
