package io.screenalytics.schemas;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The topic catalogue: every topic the pipeline uses, declared once.
 *
 * <p>Keys: an episode's frames are keyed by {@code episode_id} so they stay in order on one partition
 * (the tracker needs order); face batches are keyed by {@code episode_id:frame_idx} so embedding work
 * spreads over all partitions and embed workers; embeddings, closed tracks and status events go back to
 * {@code episode_id} keys so assembly sees a whole episode on one partition. {@link #EMBEDDINGS} and
 * {@link #TRACKS} have the same partition count so they are co-partitioned.
 */
public final class Topics {

  private static final int MIB = 1024 * 1024;
  private static final Duration WEEK = Duration.ofDays(7);

  public static final Topic<String, EpisodeRequest> INGEST = Topic.avro(
      "screenalytics.episodes.ingest", "episode_id", EpisodeRequest.class,
      4, MIB, Duration.ofDays(30), "Episode requests pushed by users.");

  /**
   * Chunked decoding ({@code decoder.chunk.seconds}): one record per keyframe-aligned chunk of an episode, an
   * {@link EpisodeRequest} carrying its {@code chunk}, keyed {@code episode_id:chunk_idx} (with a suffix that puts
   * the chunks round-robin on the partitions) so they spread over the decoder group's members; the partition count
   * bounds how many decoders share one episode.
   */
  public static final Topic<String, EpisodeRequest> DECODE_CHUNKS = Topic.avro(
      "screenalytics.decode.chunks", "episode_id:chunk_idx", EpisodeRequest.class,
      4, MIB, Duration.ofDays(1), "Chunks of episodes for the decoder group to decode in parallel.");

  public static final Topic<String, Frame> FRAMES = Topic.avro(
      "screenalytics.frames", "episode_id", Frame.class,
      4, 8 * MIB, Duration.ofDays(1), "Strided decoded frames (JPEG), in order per episode.");

  public static final Topic<String, FaceBatch> FACES = Topic.avro(
      "screenalytics.faces", "episode_id:frame_idx", FaceBatch.class,
      8, 8 * MIB, Duration.ofDays(1), "One record per sampled frame with all its tracked, aligned faces.");

  public static final Topic<String, FaceEmbeddings> EMBEDDINGS = Topic.avro(
      "screenalytics.embeddings", "episode_id", FaceEmbeddings.class,
      4, 4 * MIB, WEEK, "Face embeddings, one record per frame.");

  public static final Topic<String, ClosedTrack> TRACKS = Topic.avro(
      "screenalytics.tracks", "episode_id", ClosedTrack.class,
      4, 4 * MIB, WEEK, "Closed tracks with their sampled boxes.");

  /** Voice windows and speech spans per episode, in chunks of {@code voice.windows.per.record} (~1.1 KB a window). */
  public static final Topic<String, VoiceWindows> VOICE = Topic.avro(
      "screenalytics.voice", "episode_id", VoiceWindows.class,
      4, 4 * MIB, WEEK, "Speech spans and embedded voice windows of each episode, in chunks.");

  /**
   * The active speaker stage's result per episode ({@code asd-service}): Light-ASD logits of the face tracks over the
   * contested spans (speech with two or more faces on screen), in chunks of spans; one chunk without spans when
   * nothing was contested. Co-partitioned with {@link #TRACKS} and {@link #VOICE} for assembly.
   */
  public static final Topic<String, AsdScores> ASD = Topic.avro(
      "screenalytics.asd", "episode_id", AsdScores.class,
      4, 4 * MIB, WEEK, "Active speaker logits of the face tracks over each episode's contested spans, in chunks.");

  public static final Topic<String, EpisodeStatus> STATUS = Topic.avro(
      "screenalytics.episodes.status", "episode_id", EpisodeStatus.class,
      4, MIB, Duration.ofDays(30), "Started / progress / completed / failed events of every stage.");

  public static final Topic<byte[], byte[]> DEAD_LETTER = new Topic<>(
      "screenalytics.deadletter", byte[].class, byte[].class, "original key", null,
      1, 8 * MIB, Duration.ofDays(30),
      "Records a stage could not deserialize or process: original bytes plus context headers.");

  /** Every topic, in pipeline order. */
  public static final List<Topic<?, ?>> ALL =
      List.of(INGEST, DECODE_CHUNKS, FRAMES, FACES, EMBEDDINGS, TRACKS, VOICE, ASD, STATUS, DEAD_LETTER);

  private Topics() {}

  /** The declared topic called {@code name}, if any. */
  public static Optional<Topic<?, ?>> byName(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }
}
