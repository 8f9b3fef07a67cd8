package io.screenalytics.output.manifest;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankJson;
import io.screenalytics.identities.identity.FaceScore;
import io.screenalytics.identities.identity.ThumbnailSelector;
import io.screenalytics.identities.json.JsonCodec;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.voice.EpisodeSpeech;
import io.screenalytics.output.manifest.ManifestDtos.EmbeddingRowDto;
import io.screenalytics.output.manifest.ManifestDtos.EmbeddingsIndexDoc;
import io.screenalytics.output.manifest.ManifestDtos.EpisodeDto;
import io.screenalytics.output.manifest.ManifestDtos.FaceLine;
import io.screenalytics.output.manifest.ManifestDtos.FileDto;
import io.screenalytics.output.manifest.ManifestDtos.IdentitiesDoc;
import io.screenalytics.output.manifest.ManifestDtos.IdentityDto;
import io.screenalytics.output.manifest.ManifestDtos.ManifestDoc;
import io.screenalytics.output.manifest.ManifestDtos.MatchDto;
import io.screenalytics.output.manifest.ManifestDtos.ModelDto;
import io.screenalytics.output.manifest.ManifestDtos.ScreenTimeDoc;
import io.screenalytics.output.manifest.ManifestDtos.ScreenTimeDto;
import io.screenalytics.output.manifest.ManifestDtos.ThumbnailDto;
import io.screenalytics.output.manifest.ManifestDtos.TrackLine;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.Checksums;
import io.screenalytics.voice.assembly.Speaking;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Writes an {@link AssemblyResult} as the episode folder described in {@link EpisodeLayout}.
 *
 * <p>Idempotent: the same result gives byte-identical files (fixed orderings, no time stamps,
 * {@code \n} line ends), so a redelivered episode overwrites its folder with the same content.
 * Files are put one by one, {@code manifest.json} last: a folder whose manifest is missing or lists
 * a different sha256 than a file's content was interrupted, and is rewritten by the next run.
 * Thumbnails of identities that no longer exist (after a rescore) and crops of tracks that no longer
 * exist are deleted. Besides the identities' thumbnails, the best face of every track is kept under
 * {@code crops/}, so that a rescore that regroups tracks still has a thumbnail for every group.
 *
 * <p>Every JSON manifest carries {@code schema_version} ({@link #SCHEMA_VERSION}) and a
 * {@code models} array (role, name, file, licence, sha256) because model licences travel with the
 * results. Stateless; thread-safe for different episodes.
 */
public final class EpisodeManifestWriter {

  /** Version of the episode folder format. */
  public static final int SCHEMA_VERSION = 1;

  /**
   * Writes the episode folder {@code episodes/<episode_id>/}.
   *
   * @return keys written, manifest last
   * @throws IOException when the store fails; the folder may then be partial (no new manifest)
   * @throws IllegalArgumentException when embeddings differ in length or an id is not key-safe
   */
  public List<String> write(ArtifactStore store, AssemblyResult result) throws IOException {
    return write(store, result, Facebank.empty());
  }

  /**
   * Writes the episode folder {@code episodes/<episode_id>/} with a copy of the facebank the result
   * was matched against ({@code facebank.json}), which a later rescore reuses unless given another.
   *
   * @return keys written, manifest last
   * @throws IOException when the store fails; the folder may then be partial (no new manifest)
   * @throws IllegalArgumentException when embeddings differ in length or an id is not key-safe
   */
  public List<String> write(ArtifactStore store, AssemblyResult result, Facebank facebank)
      throws IOException {
    EpisodeLayout layout = new EpisodeLayout(result.episode().episodeId());
    List<ModelDto> models = result.models().stream().map(ModelDto::of).toList();
    Map<String, byte[]> files = new LinkedHashMap<>();

    List<FaceLine> faceLines = new ArrayList<>();
    List<EmbeddingRowDto> rows = new ArrayList<>();
    List<float[]> vectors = new ArrayList<>();
    for (FaceRecord f : result.faces()) {
      Integer row = null;
      if (f.hasEmbedding()) {
        row = rows.size();
        rows.add(new EmbeddingRowDto(row, f.faceId(), f.trackId()));
        vectors.add(f.embedding());
      }
      faceLines.add(FaceLine.of(f, row, result.seedMatches().get(f.faceId())));
    }
    int dims = vectors.isEmpty() ? 0 : vectors.get(0).length;
    String embedder = result.embedder().map(ModelInfo::name).orElse(null);
    files.put(EpisodeLayout.FACES, JsonCodec.jsonLines(faceLines));
    double blurReference = result.config().clustering().blurReference();
    Map<Integer, FaceRecord> crops = bestFaceOfEachTrack(result.faces(), blurReference);
    List<TrackLine> trackLines = new ArrayList<>();
    for (TrackRecord t : result.tracks()) {
      FaceRecord crop = crops.get(t.trackId());
      String cropFile = crop == null ? null : EpisodeLayout.cropFile(crop);
      trackLines.add(TrackLine.of(t, cropFile, crop == null ? null : crop.faceId()));
    }
    files.put(EpisodeLayout.TRACKS, JsonCodec.jsonLines(trackLines));
    files.put(EpisodeLayout.EMBEDDINGS, float32(vectors, dims));
    files.put(EpisodeLayout.EMBEDDINGS_INDEX, JsonCodec.pretty(new EmbeddingsIndexDoc(SCHEMA_VERSION,
        layout.episodeId(), EpisodeLayout.EMBEDDINGS, "float32", "little_endian", rows.size(), dims,
        embedder, models, rows)));
    for (FaceRecord crop : crops.values()) {
      files.put(EpisodeLayout.cropFile(crop), crop.thumbnailJpeg());
    }

    List<IdentityDto> identities = new ArrayList<>();
    for (Identity identity : result.identities()) {
      List<ThumbnailDto> thumbs = new ArrayList<>();
      for (int r = 0; r < identity.thumbnails().size(); r++) {
        FaceRecord f = identity.thumbnails().get(r);
        String file = EpisodeLayout.thumbnailFile(identity.id(), r + 1, f);
        files.put(file, f.thumbnailJpeg());
        thumbs.add(new ThumbnailDto(file, f.faceId(), f.trackId(), f.frameIdx(),
            FaceScore.score(f, blurReference)));
      }
      MatchDto match = identity.bestMatch() == null ? null : new MatchDto(identity.bestMatch().name(),
          identity.bestMatch().similarity(), identity.bestMatch().sourcePhoto());
      identities.add(new IdentityDto(identity.id(), identity.name(), match, identity.trackIds(), thumbs,
          identity.naming().stream().map(ManifestDtos.NamingDto::of).toList()));
    }
    files.put(EpisodeLayout.IDENTITIES, JsonCodec.pretty(new IdentitiesDoc(SCHEMA_VERSION,
        layout.episodeId(), models, result.config().asProperties(), identities,
        result.unassignedTrackIds())));
    EpisodeSpeech speech = result.speech();
    files.put(EpisodeLayout.SCREEN_TIME, JsonCodec.pretty(new ScreenTimeDoc(SCHEMA_VERSION,
        EpisodeDto.of(result.episode()), models, result.episode().secondsPerSampledFrame(),
        screenTimeRows(result), ScreenTimeDto.of(result.unassigned()),
        speech.recorded() ? VoiceFiles.VoiceSummaryDto.of(speech) : null)));
    files.put(EpisodeLayout.FACEBANK, FacebankJson.toJson(facebank));
    files.putAll(VoiceFiles.files(speech));

    List<String> written = new ArrayList<>();
    List<FileDto> listed = new ArrayList<>();
    for (Map.Entry<String, byte[]> e : files.entrySet()) {
      String key = layout.key(e.getKey());
      store.put(key, e.getValue());
      written.add(key);
      listed.add(new FileDto(e.getKey(), e.getValue().length, Checksums.sha256(e.getValue())));
    }
    Set<String> current = new HashSet<>(written);
    for (String folder : List.of(EpisodeLayout.THUMBNAILS, EpisodeLayout.CROPS)) {
      for (String stale : store.list(layout.key(folder))) {
        if (!current.contains(stale)) {
          store.delete(stale);
        }
      }
    }
    listed.sort((a, b) -> a.file().compareTo(b.file()));
    String manifestKey = layout.key(EpisodeLayout.MANIFEST);
    store.put(manifestKey, JsonCodec.pretty(new ManifestDoc(SCHEMA_VERSION,
        EpisodeDto.of(result.episode()), models, result.config().asProperties(), listed)));
    written.add(manifestKey);
    return written;
  }

  /**
   * One row per identity, with its speaking fields when voices were assembled (0 s for an identity that does not
   * speak), then one row per voice without a face ({@code visible_seconds} 0).
   */
  private static List<ScreenTimeDto> screenTimeRows(AssemblyResult result) {
    EpisodeSpeech speech = result.speech();
    boolean voices = speech.result() != null;
    List<ScreenTimeDto> rows = new ArrayList<>();
    for (ScreenTime t : result.screenTime()) {
      VoiceFiles.SpeakingDto speaking = !voices ? null : speech.speakerOfFace(t.identityId())
          .map(VoiceFiles.SpeakingDto::of).orElse(VoiceFiles.SpeakingDto.SILENT);
      rows.add(ScreenTimeDto.of(t, speaking));
    }
    for (Speaking s : speech.speakers()) {
      if (s.faceIdentity() == null) {
        rows.add(ScreenTimeDto.of(new ScreenTime(s.speaker(), s.voicebankName(), 0, 0, Double.NaN, Double.NaN, 0, 0,
            0), VoiceFiles.SpeakingDto.of(s)));
      }
    }
    return rows;
  }

  /** Track id to its best face carrying a JPEG ({@link ThumbnailSelector} ranking), ascending ids. */
  private static Map<Integer, FaceRecord> bestFaceOfEachTrack(List<FaceRecord> faces, double blurReference) {
    Map<Integer, List<FaceRecord>> byTrack = new TreeMap<>();
    faces.forEach(f -> byTrack.computeIfAbsent(f.trackId(), k -> new ArrayList<>()).add(f));
    ThumbnailSelector best = new ThumbnailSelector(1, blurReference);
    Map<Integer, FaceRecord> out = new TreeMap<>();
    byTrack.forEach((track, list) -> best.select(list).forEach(f -> out.put(track, f)));
    return out;
  }

  /** {@code float[N][D]} as float32 little-endian, row-major. */
  private static byte[] float32(List<float[]> vectors, int dims) {
    ByteBuffer buf = ByteBuffer.allocate(Math.multiplyExact(vectors.size(), dims * Float.BYTES))
        .order(ByteOrder.LITTLE_ENDIAN);
    for (float[] v : vectors) {
      if (v.length != dims) {
        throw new IllegalArgumentException("embeddings differ in length: " + v.length + " vs " + dims);
      }
      for (float x : v) {
        buf.putFloat(x);
      }
    }
    return buf.array();
  }
}
