package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.cluster.testing.ClusterExtension;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.EpisodeStatus;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chunked decoding on the real broker: a talking-head clip (8.06 s, one person, keyframes every 0.48 s) run once by
 * the pipeline as it is by default (one decoder decodes it whole), then by a pipeline whose decoder has two consumer
 * loops in its group and {@code decoder.chunk.seconds=2}: the clip is split into 2 s chunks that the loops decode,
 * detect-track tracks each chunk on its own and assembly joins the tracks split at the boundaries. The results
 * match: the same frames, one identity each with screen time within 1 %, and the person's track crossing every
 * chunk boundary.
 */
class ChunkedDecodeIT {

  @RegisterExtension
  static final ClusterExtension CLUSTER = ClusterExtension.create();

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;

  @Test
  void shouldMatchAOneDecoderRunWhenTheDecoderGroupDecodesTheEpisodeInChunks() throws Exception {
    Path clip = Path.of(System.getProperty("screenalytics.shared", "../../shared"))
        .resolve("media/video/sadtalker_WDA_AlexandriaOcasioCortez_000.mp4");
    Path store = dir.resolve("store");

    // Given the clip decoded whole by one decoder
    List<EpisodeStatus> wholeEvents = new ArrayList<>();
    EpisodeStatus whole = run(store, Map.of(), "whole", clip, wholeEvents);
    // And the clip decoded in 2 s chunks by a decoder group of two consumer loops
    List<EpisodeStatus> chunkedEvents = new ArrayList<>();
    EpisodeStatus chunked = run(store, Map.of("decoder.chunk.seconds", "2", "decoder.workers", "2"), "chunked", clip,
        chunkedEvents);

    // Then both complete
    assertThat(whole.getState()).as(whole.toString()).isEqualTo(EpisodeState.COMPLETED);
    assertThat(chunked.getState()).as(chunked.toString()).isEqualTo(EpisodeState.COMPLETED);
    // And the episode was split, every chunk ended once, and together they published the one-decoder run's frames
    double wholeFrames = decoderCounter(wholeEvents, EpisodeState.STAGE_COMPLETED, "frames_published");
    double chunks = decoderCounter(chunkedEvents, EpisodeState.STARTED, "chunks");
    assertThat(chunks).isGreaterThanOrEqualTo(3);
    TreeMap<Integer, Double> perChunk = new TreeMap<>();
    for (EpisodeStatus e : chunkedEvents) {
      if ("decoder".equals(e.getStage()) && e.getCounters().containsKey("chunk_idx")) {
        Double before = perChunk.put(e.getCounters().get("chunk_idx").intValue(),
            e.getCounters().get("chunk_frames_published"));
        assertThat(before).as("chunk %s ended twice", e.getCounters().get("chunk_idx")).isNull();
      }
    }
    assertThat(perChunk).hasSize((int) chunks);
    assertThat(perChunk.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(wholeFrames);
    assertThat(chunked.getCounters().get("frames")).isEqualTo(whole.getCounters().get("frames"));

    // And the identities and their screen time match within 1 %
    Map<String, Double> wholeTime = screenTime(store, "whole");
    Map<String, Double> chunkedTime = screenTime(store, "chunked");
    assertThat(wholeTime).hasSize(1);
    assertThat(chunkedTime).hasSameSizeAs(wholeTime);
    double expected = wholeTime.values().iterator().next();
    assertThat(chunkedTime.values().iterator().next()).isCloseTo(expected, within(expected * 0.01));

    // And the person's track was joined across the chunk boundaries: one track spans at least 3 chunks
    List<long[]> tracks = tracks(store, "chunked");
    long chunkFrames = Math.round(2 * 25.0);
    assertThat(tracks).anySatisfy(t -> assertThat(t[1] - t[0]).isGreaterThan(2 * chunkFrames));
    assertThat(tracks).hasSameSizeAs(tracks(store, "whole"));
  }

  private static EpisodeStatus run(Path store, Map<String, String> settings, String episode, Path clip,
      List<EpisodeStatus> events) {
    try (PipelineFixture fixture = PipelineFixture.start(CLUSTER, store, settings);
        Ingestor ingestor = new Ingestor(fixture.kafka); StatusWatcher watcher = new StatusWatcher(fixture.kafka)) {
      ingestor.push(episode, clip.toString(), null, null);
      return watcher.awaitWhileProgressing(episode, events::add).orElseThrow(
          () -> new AssertionError("no terminal event for " + episode + ": " + events));
    }
  }

  private static double decoderCounter(List<EpisodeStatus> events, EpisodeState state, String counter) {
    return events.stream().filter(e -> "decoder".equals(e.getStage()) && e.getState() == state)
        .map(e -> e.getCounters().get(counter)).filter(v -> v != null).findFirst()
        .orElseThrow(() -> new AssertionError("no decoder " + state + " with " + counter + ": " + events));
  }

  private static Map<String, Double> screenTime(Path store, String episode) throws IOException {
    Map<String, Double> out = new TreeMap<>();
    JsonNode root = JSON.readTree(store.resolve("episodes").resolve(episode).resolve("screen_time.json").toFile());
    for (JsonNode row : root.get("identities")) {
      out.put(row.get("identity_id").asText(), row.get("visible_seconds").asDouble());
    }
    return out;
  }

  /** Each track's {first_frame_idx, last_frame_idx}. */
  private static List<long[]> tracks(Path store, String episode) throws IOException {
    List<long[]> out = new ArrayList<>();
    for (String line : Files.readAllLines(store.resolve("episodes").resolve(episode).resolve("tracks.jsonl"))) {
      JsonNode t = JSON.readTree(line);
      out.add(new long[] {t.get("first_frame_idx").asLong(), t.get("last_frame_idx").asLong()});
    }
    return out;
  }
}
