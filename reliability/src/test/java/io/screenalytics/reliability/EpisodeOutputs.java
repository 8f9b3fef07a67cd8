package io.screenalytics.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What an episode produced, in a form two runs of the same video can be compared by: face ids and their
 * track ids, tracks with their frames, identities with their tracks and screen time. The episode id is
 * stripped from face ids so that runs under different ids compare.
 *
 * @param faces      face id (without the episode prefix) -> track id
 * @param tracks     track id -> "first_frame_idx-last_frame_idx/samples"
 * @param identities identity (name or unknown number) -> sorted track ids and visible seconds
 */
record EpisodeOutputs(TreeMap<String, Integer> faces, TreeMap<Integer, String> tracks,
    TreeMap<String, String> identities) {

  private static final ObjectMapper JSON = new ObjectMapper();

  static EpisodeOutputs read(Path storeRoot, String episodeId) throws IOException {
    Path dir = storeRoot.resolve("episodes").resolve(episodeId);
    TreeMap<String, Integer> faces = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("faces.jsonl"))) {
      JsonNode f = JSON.readTree(line);
      faces.put(f.get("face_id").asText().substring(episodeId.length() + 1), f.get("track_id").asInt());
    }
    TreeMap<Integer, String> tracks = new TreeMap<>();
    for (String line : Files.readAllLines(dir.resolve("tracks.jsonl"))) {
      JsonNode t = JSON.readTree(line);
      tracks.put(t.get("track_id").asInt(), t.get("first_frame_idx").asLong() + "-" + t.get("last_frame_idx").asLong()
          + "/" + t.get("samples").size());
    }
    TreeMap<String, String> identities = new TreeMap<>();
    JsonNode screenTime = JSON.readTree(dir.resolve("screen_time.json").toFile());
    TreeMap<String, Double> seconds = new TreeMap<>();
    for (JsonNode row : screenTime.get("identities")) {
      seconds.put(row.get("identity_id").asText(), row.get("visible_seconds").asDouble());
    }
    for (JsonNode i : JSON.readTree(dir.resolve("identities.json").toFile()).get("identities")) {
      TreeSet<Integer> ids = new TreeSet<>();
      i.get("track_ids").forEach(t -> ids.add(t.asInt()));
      String id = i.get("identity_id").asText();
      identities.put(id, ids + String.format(Locale.ROOT, " %.1fs", seconds.getOrDefault(id, -1.0)));
    }
    return new EpisodeOutputs(faces, tracks, identities);
  }

  /** One line per difference, empty when equal. */
  List<String> differencesFrom(EpisodeOutputs other) {
    List<String> out = new ArrayList<>();
    if (!faces.equals(other.faces)) {
      out.add("faces: " + faces.size() + " vs " + other.faces.size());
    }
    if (!tracks.equals(other.tracks)) {
      out.add("tracks: " + tracks + " vs " + other.tracks);
    }
    if (!identities.equals(other.identities)) {
      out.add("identities: " + identities + " vs " + other.identities);
    }
    return out;
  }
}
