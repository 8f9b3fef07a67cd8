package io.screenalytics.bench.cost;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Screen time compared across runs of one episode: each run's identities with the moments they are on screen, and
 * the largest change of an identity's screen time against the other run's identity that shares most of its moments
 * (identity ids differ between runs).
 */
public final class ScreenTimeMatch {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One identity of a run: its screen time and the sampled moments it is on screen.
   *
   * @param visibleSeconds {@code visible_seconds} from screen_time.json
   * @param moments the times of its faces, in {@link #MOMENT_SECONDS} buckets (faces.jsonl via its tracks)
   */
  public record Identity(double visibleSeconds, Set<Long> moments) {
  }

  /** Bucket for matching identities across runs whose sampled frames differ by a frame or two, seconds. */
  public static final double MOMENT_SECONDS = 0.2;

  /**
   * The run's identities, from screen_time.json, identities.json and faces.jsonl of its episode folder; empty when
   * it has no screen_time.json.
   *
   * @throws IOException when a file cannot be read
   */
  public static List<Identity> identities(Path episode) throws IOException {
    List<Identity> out = new ArrayList<>();
    Path screenTime = episode.resolve("screen_time.json");
    if (!Files.isRegularFile(screenTime)) return out;
    Map<Long, Set<Long>> momentsByTrack = new HashMap<>();
    try (var lines = Files.lines(episode.resolve("faces.jsonl"))) {
      lines.filter(l -> !l.isBlank()).forEach(l -> {
        try {
          JsonNode face = JSON.readTree(l);
          momentsByTrack.computeIfAbsent(face.path("track_id").asLong(), k -> new HashSet<>())
              .add(Math.round(face.path("ts").asDouble() / MOMENT_SECONDS));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
    Map<String, Set<Long>> momentsById = new HashMap<>();
    for (JsonNode id : JSON.readTree(episode.resolve("identities.json").toFile()).path("identities")) {
      Set<Long> moments = new HashSet<>();
      id.path("track_ids").forEach(t -> moments.addAll(momentsByTrack.getOrDefault(t.asLong(), Set.of())));
      momentsById.put(id.path("identity_id").asText(), moments);
    }
    for (JsonNode id : JSON.readTree(screenTime.toFile()).path("identities")) {
      out.add(new Identity(id.path("visible_seconds").asDouble(),
          momentsById.getOrDefault(id.path("identity_id").asText(), Set.of())));
    }
    return out;
  }

  /**
   * Largest relative screen-time change of the baseline's identities, each matched to the other run's identity that
   * shares most of its moments (a moment within one {@link #MOMENT_SECONDS} bucket either way counts), or to none
   * (0 s) when none shares any.
   */
  public static double maxScreenTimeDifference(List<Identity> base, List<Identity> other) {
    double worst = 0;
    for (Identity b : base) {
      long best = 0;
      Identity match = null;
      for (Identity o : other) {
        long shared = b.moments().stream()
            .filter(m -> o.moments().contains(m) || o.moments().contains(m - 1) || o.moments().contains(m + 1))
            .count();
        if (shared > best) {
          best = shared;
          match = o;
        }
      }
      double seconds = match == null ? 0 : match.visibleSeconds();
      worst = Math.max(worst, Math.abs(seconds - b.visibleSeconds()) / Math.max(b.visibleSeconds(), 1e-9));
    }
    return worst;
  }

  private ScreenTimeMatch() {}
}
