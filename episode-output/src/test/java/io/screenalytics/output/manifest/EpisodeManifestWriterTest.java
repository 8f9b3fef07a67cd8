package io.screenalytics.output.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankJson;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.identity.FaceScore;
import io.screenalytics.identities.identity.ThumbnailConfig;
import io.screenalytics.identities.json.JsonCodec;
import io.screenalytics.store.LocalArtifactStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeManifestWriterTest {

  static final String PREFIX = "episodes/s01e01/";

  static SyntheticEpisode episode() {
    return new SyntheticEpisode("s01e01", 30, 6, 60, 3)
        .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 50, 10).track(4, null, 90, 3);
  }

  static AssemblyResult assemble(SyntheticEpisode ep, AssemblyConfig config) {
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    return new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), bank, config,
        SyntheticEpisode.MODELS);
  }

  @Test
  void shouldWriteEveryFileParseableWithModelsAndSchemaVersion(@TempDir Path root) throws IOException {
    // Given
    LocalArtifactStore store = new LocalArtifactStore(root);
    AssemblyResult result = assemble(episode(), AssemblyConfig.defaults());
    // When
    List<String> keys = new EpisodeManifestWriter().write(store, result);
    // Then
    assertThat(keys).startsWith(PREFIX + "faces.jsonl").endsWith(PREFIX + "manifest.json");
    assertThat(store.list(PREFIX)).containsExactlyInAnyOrderElementsOf(keys);
    assertThat(store.list(PREFIX + "thumbnails/")).hasSize(6)
        .allMatch(k -> k.matches(PREFIX + "thumbnails/(ann|unknown_01)/0[1-3]_f\\d+_t[123]\\.jpg"));
    for (String name : List.of("manifest.json", "identities.json", "screen_time.json",
        "embeddings_index.json")) {
      JsonNode doc = json(store, name);
      assertThat(doc.get("schema_version").asInt()).as(name).isEqualTo(1);
      assertThat(doc.get("models")).as(name).hasSize(2);
      assertThat(doc.get("models").get(1).get("licence").asText()).isEqualTo("MIT");
      assertThat(doc.get("models").get(0).get("sha256").asText()).isEqualTo("aa11");
    }

    String faces = new String(store.require(PREFIX + "faces.jsonl"), StandardCharsets.UTF_8);
    String[] lines = faces.split("\n");
    assertThat(lines).hasSize(43);
    JsonNode first = JsonCodec.mapper().readTree(lines[0]);
    assertThat(first.fieldNames()).toIterable().containsExactly("face_id", "frame_idx", "ts",
        "track_id", "bbox_xyxy", "det_score", "contrast", "blur", "embedding_row", "skip_reason", "seed_cast_id",
        "seed_similarity");
    // every embedded face carries its nearest cast seed, computed here once
    for (String line : lines) {
      JsonNode face = JsonCodec.mapper().readTree(line);
      assertThat(face.get("seed_similarity").isNull()).as(line).isEqualTo(face.get("embedding_row").isNull());
      if (!face.get("seed_cast_id").isNull()) {
        assertThat(face.get("seed_cast_id").asText()).isEqualTo("ann");
        assertThat(face.get("seed_similarity").asDouble()).isGreaterThanOrEqualTo(0.42);
      }
    }
    assertThat(faces).doesNotContain("embedding\"");
    JsonNode track = JsonCodec.mapper().readTree(
        new String(store.require(PREFIX + "tracks.jsonl"), StandardCharsets.UTF_8).split("\n")[0]);
    assertThat(track.get("samples").get(0).has("bbox_xyxy")).isTrue();

    JsonNode index = json(store, "embeddings_index.json");
    assertThat(index.get("rows").asInt()).isEqualTo(40);
    assertThat(index.get("dims").asInt()).isEqualTo(512);
    assertThat(index.get("model").asText()).isEqualTo("fr_feature");
    byte[] f32 = store.require(PREFIX + "embeddings.f32");
    assertThat(f32).hasSize(40 * 512 * 4);
    FaceRecord firstFace = result.faces().get(0);
    assertThat(ByteBuffer.wrap(f32).order(ByteOrder.LITTLE_ENDIAN).getFloat(4))
        .isEqualTo(firstFace.embedding()[1]);
    assertThat(index.get("index").get(0).get("face_id").asText()).isEqualTo(firstFace.faceId());

    JsonNode identities = json(store, "identities.json").get("identities");
    assertThat(identities.get(0).get("identity_id").asText()).isEqualTo("ann");
    assertThat(identities.get(0).get("name").asText()).isEqualTo("Ann");
    assertThat(identities.get(0).get("best_match").get("similarity").asDouble()).isGreaterThan(0.4);
    assertThat(identities.get(1).get("name").isNull()).isTrue();
    JsonNode thumbnail = identities.get(0).get("thumbnails").get(0);
    assertThat(thumbnail.get("file").asText()).isEqualTo("thumbnails/ann/01_f"
        + thumbnail.get("frame_idx").asLong() + "_t" + thumbnail.get("track_id").asInt() + ".jpg");
    assertThat(store.exists(PREFIX + thumbnail.get("file").asText())).isTrue();
    assertThat(json(store, "identities.json").get("unassigned_track_ids")).hasSize(1);

    JsonNode screen = json(store, "screen_time.json");
    assertThat(screen.get("episode").get("duration_s").asDouble()).isEqualTo(60.0);
    assertThat(screen.get("identities").get(0).get("visible_seconds").asDouble()).isEqualTo(6.0);
    assertThat(screen.get("seconds_per_sampled_frame").asDouble()).isEqualTo(0.2);
    assertThat(json(store, "manifest.json").get("files")).hasSize(keys.size() - 1);
  }

  @Test
  void shouldWriteByteIdenticalFilesTwice(@TempDir Path a, @TempDir Path b) throws IOException {
    LocalArtifactStore one = new LocalArtifactStore(a);
    LocalArtifactStore two = new LocalArtifactStore(b);
    new EpisodeManifestWriter().write(one, assemble(episode(), AssemblyConfig.defaults()));
    Map<String, byte[]> before = contents(one);
    new EpisodeManifestWriter().write(one, assemble(episode(), AssemblyConfig.defaults()));
    new EpisodeManifestWriter().write(two, assemble(episode(), AssemblyConfig.defaults()));
    assertThat(contents(one)).containsOnlyKeys(before.keySet());
    assertThat(contents(two)).containsOnlyKeys(before.keySet());
    before.forEach((key, bytes) -> {
      assertThat(contents(one).get(key)).as(key).isEqualTo(bytes);
      assertThat(contents(two).get(key)).as(key).isEqualTo(bytes);
    });
  }

  @Test
  void shouldDeleteThumbnailsThatNoLongerBelongToAnIdentity(@TempDir Path root) throws IOException {
    LocalArtifactStore store = new LocalArtifactStore(root);
    new EpisodeManifestWriter().write(store, assemble(episode(), AssemblyConfig.defaults()));
    List<String> best = store.list(PREFIX + "thumbnails/").stream()
        .filter(k -> k.contains("/01_")).toList();
    AssemblyConfig one = new AssemblyConfig(AssemblyConfig.defaults().clustering(),
        AssemblyConfig.defaults().matching(), new ThumbnailConfig(1), AssemblyConfig.defaults().appearance());
    new EpisodeManifestWriter().write(store, assemble(episode(), one));
    assertThat(best).hasSize(2);
    assertThat(store.list(PREFIX + "thumbnails/")).containsExactlyElementsOf(best);
  }

  @Test
  void shouldKeepTheFacebankAndTheBestFaceOfEachTrack(@TempDir Path root) throws IOException {
    // Given
    LocalArtifactStore store = new LocalArtifactStore(root);
    SyntheticEpisode ep = episode();
    Facebank bank = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), bank,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    // When
    new EpisodeManifestWriter().write(store, result, bank);
    // Then the facebank is kept byte for byte and listed in the manifest
    assertThat(store.require(PREFIX + "facebank.json")).isEqualTo(FacebankJson.toJson(bank));
    assertThat(json(store, "manifest.json").get("files").findValuesAsText("file"))
        .contains("facebank.json", "crops/t1_f" + bestFrame(result, 1) + ".jpg");
    // and every track (embedded or not) has its best face under crops/, named in tracks.jsonl
    assertThat(store.list(PREFIX + "crops/")).hasSize(4);
    for (String line : new String(store.require(PREFIX + "tracks.jsonl"), StandardCharsets.UTF_8).split("\n")) {
      JsonNode track = JsonCodec.mapper().readTree(line);
      String crop = track.get("crop_file").asText();
      assertThat(store.exists(PREFIX + crop)).as(crop).isTrue();
      assertThat(crop).startsWith("crops/t" + track.get("track_id").asInt() + "_f");
      assertThat(track.get("crop_face_id").asText()).contains(":" + crop.replaceAll(".*_f(\\d+)\\.jpg", "$1") + ":");
    }
  }

  /** Frame of the best face (det_score x sharpness) of a track. */
  private static long bestFrame(AssemblyResult result, int trackId) {
    return result.faces().stream().filter(f -> f.trackId() == trackId)
        .max(java.util.Comparator.comparingDouble((FaceRecord f) -> FaceScore.score(f, 100))
            .thenComparing(FaceRecord::faceId, java.util.Comparator.reverseOrder()))
        .orElseThrow().frameIdx();
  }

  private static JsonNode json(LocalArtifactStore store, String name) throws IOException {
    return JsonCodec.mapper().readTree(store.require(PREFIX + name));
  }

  private static Map<String, byte[]> contents(LocalArtifactStore store) {
    try {
      Map<String, byte[]> out = new HashMap<>();
      for (String key : store.list("")) {
        out.put(key, store.require(key));
      }
      return out;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
