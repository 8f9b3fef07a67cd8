package io.screenalytics.output.manifest;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankJson;
import io.screenalytics.identities.json.JsonCodec;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.output.manifest.ManifestDtos.EmbeddingRowDto;
import io.screenalytics.output.manifest.ManifestDtos.EmbeddingsIndexDoc;
import io.screenalytics.output.manifest.ManifestDtos.FaceLine;
import io.screenalytics.output.manifest.ManifestDtos.FileDto;
import io.screenalytics.output.manifest.ManifestDtos.IdentitiesDoc;
import io.screenalytics.output.manifest.ManifestDtos.IdentityDto;
import io.screenalytics.output.manifest.ManifestDtos.ManifestDoc;
import io.screenalytics.output.manifest.ManifestDtos.ModelDto;
import io.screenalytics.output.manifest.ManifestDtos.ScreenTimeDoc;
import io.screenalytics.output.manifest.ManifestDtos.ThumbnailDto;
import io.screenalytics.output.manifest.ManifestDtos.TrackLine;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.Checksums;
import io.screenalytics.store.StoreLayout;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Reads an episode folder written by {@link EpisodeManifestWriter} back into assembly inputs, for
 * {@code rescore}: recompute identities from stored embeddings without decoding again. Faces come back
 * with their embeddings, and with their JPEG when they were saved as a thumbnail or as a track's best
 * face ({@code crops/}); the facebank comes back from {@code facebank.json} (empty for folders written
 * before it was kept).
 *
 * <p>{@code manifest.json} is read first; every file it lists is checked against its sha256, so an
 * interrupted or tampered folder fails loudly instead of yielding wrong identities. Stateless;
 * thread-safe.
 */
public final class EpisodeManifestReader {

  /**
   * The ids of the store's finished episodes (a {@code manifest.json}, written last, in their folder), ascending.
   *
   * @throws IOException when the store cannot be listed
   */
  public List<String> episodes(ArtifactStore store) throws IOException {
    TreeSet<String> ids = new TreeSet<>();
    for (String key : store.list(StoreLayout.EPISODES)) {
      String[] p = key.split("/");
      if (p.length == 3 && p[2].equals(EpisodeLayout.MANIFEST)) {
        ids.add(p[1]);
      }
    }
    return List.copyOf(ids);
  }

  /**
   * Reads {@code episodes/<episodeId>/}.
   *
   * @throws java.nio.file.NoSuchFileException when the manifest or a listed file is missing
   * @throws IOException on an unsupported schema version, a checksum mismatch or inconsistent files
   * @throws IllegalArgumentException on an invalid episode id
   */
  public StoredEpisode read(ArtifactStore store, String episodeId) throws IOException {
    EpisodeLayout layout = new EpisodeLayout(episodeId);
    ManifestDoc manifest = JsonCodec.read(store.require(layout.key(EpisodeLayout.MANIFEST)),
        ManifestDoc.class);
    if (manifest.schemaVersion() != EpisodeManifestWriter.SCHEMA_VERSION) {
      throw new IOException(layout.prefix() + ": unsupported schema_version "
          + manifest.schemaVersion() + ", expected " + EpisodeManifestWriter.SCHEMA_VERSION);
    }
    Map<String, byte[]> files = new HashMap<>();
    for (FileDto f : manifest.files()) {
      byte[] bytes = store.require(layout.key(f.file()));
      if (!Checksums.sha256(bytes).equals(f.sha256())) {
        throw new IOException(layout.key(f.file()) + ": sha256 differs from manifest.json");
      }
      files.put(f.file(), bytes);
    }
    EpisodeInfo episode = manifest.episode().toEpisode();
    if (!episode.episodeId().equals(episodeId)) {
      throw new IOException(layout.prefix() + " holds episode " + episode.episodeId());
    }

    Map<String, float[]> embeddings = embeddings(layout, files);
    Map<String, byte[]> thumbnails = new HashMap<>();
    IdentitiesDoc identities = JsonCodec.read(need(layout, files, EpisodeLayout.IDENTITIES),
        IdentitiesDoc.class);
    for (IdentityDto identity : identities.identities()) {
      for (ThumbnailDto t : identity.thumbnails()) {
        thumbnails.put(t.faceId(), need(layout, files, t.file()));
      }
    }
    List<TrackLine> tracks =
        JsonCodec.readLines(need(layout, files, EpisodeLayout.TRACKS), TrackLine.class);
    for (TrackLine t : tracks) {
      if (t.cropFile() != null && t.cropFaceId() != null) {
        thumbnails.putIfAbsent(t.cropFaceId(), need(layout, files, t.cropFile()));
      }
    }
    List<FaceRecord> faces = new ArrayList<>();
    for (FaceLine line : JsonCodec.readLines(need(layout, files, EpisodeLayout.FACES), FaceLine.class)) {
      faces.add(line.toFace().withEmbedding(embeddings.get(line.faceId()))
          .withThumbnail(thumbnails.get(line.faceId())));
    }
    byte[] facebank = files.get(EpisodeLayout.FACEBANK);
    return new StoredEpisode(episode, manifest.models().stream().map(ModelDto::toModel).toList(),
        manifest.settings() == null ? new TreeMap<>() : manifest.settings(), faces,
        tracks.stream().map(TrackLine::toTrack).toList(),
        facebank == null ? Facebank.empty() : FacebankJson.fromJson(facebank));
  }

  /**
   * The screen-time rows of {@code episodes/<episodeId>/screen_time.json}, longest first (the
   * unassigned row excluded).
   *
   * @throws java.nio.file.NoSuchFileException when the episode has no screen time yet
   */
  public List<ScreenTime> screenTime(ArtifactStore store, String episodeId) throws IOException {
    return storedScreenTime(store, episodeId).rows();
  }

  /**
   * {@code episodes/<episodeId>/screen_time.json}: the episode record, its rows (longest first, the unassigned row
   * excluded) and each row's {@code speaking_s} where the episode has voices.
   *
   * @throws java.nio.file.NoSuchFileException when the episode has no screen time yet
   * @throws IOException when the file cannot be read or parsed
   * @throws IllegalArgumentException on an invalid episode id
   */
  public StoredScreenTime storedScreenTime(ArtifactStore store, String episodeId) throws IOException {
    EpisodeLayout layout = new EpisodeLayout(episodeId);
    ScreenTimeDoc doc = JsonCodec.read(store.require(layout.key(EpisodeLayout.SCREEN_TIME)), ScreenTimeDoc.class);
    List<ScreenTime> rows = doc.identities().stream().map(d -> new ScreenTime(d.identityId(), d.name(),
        d.visibleSeconds(), d.share(), d.firstTs() == null ? Double.NaN : d.firstTs(),
        d.lastTs() == null ? Double.NaN : d.lastTs(), d.tracks(), d.faces(), d.frames(),
        d.firstFrameIdx() == null ? -1 : d.firstFrameIdx(), d.lastFrameIdx() == null ? -1 : d.lastFrameIdx()))
        .toList();
    Map<String, Double> speaking = new HashMap<>();
    doc.identities().stream().filter(d -> d.speakingS() != null)
        .forEach(d -> speaking.put(d.identityId(), d.speakingS()));
    return new StoredScreenTime(doc.episode().toEpisode(), rows, speaking);
  }

  /** {@code face_id} to {@code float[D]} from {@code embeddings.f32} and its index. */
  private static Map<String, float[]> embeddings(EpisodeLayout layout, Map<String, byte[]> files)
      throws IOException {
    EmbeddingsIndexDoc index = JsonCodec.read(need(layout, files, EpisodeLayout.EMBEDDINGS_INDEX),
        EmbeddingsIndexDoc.class);
    byte[] raw = need(layout, files, index.file());
    long expected = (long) index.rows() * index.dims() * Float.BYTES;
    if (raw.length != expected || index.index().size() != index.rows()) {
      throw new IOException(layout.key(index.file()) + ": " + raw.length + " bytes and "
          + index.index().size() + " index rows, expected " + index.rows() + " x " + index.dims()
          + " float32 (" + expected + " bytes)");
    }
    ByteBuffer buf = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    Map<String, float[]> byFace = new HashMap<>();
    for (EmbeddingRowDto row : index.index()) {
      if (row.row() < 0 || row.row() >= index.rows()) {
        throw new IOException(layout.key(EpisodeLayout.EMBEDDINGS_INDEX) + ": row " + row.row()
            + " of face " + row.faceId() + " outside 0.." + (index.rows() - 1));
      }
      float[] v = new float[index.dims()];
      buf.position(Math.multiplyExact(row.row(), index.dims() * Float.BYTES));
      buf.asFloatBuffer().get(v);
      byFace.put(row.faceId(), v);
    }
    return byFace;
  }

  private static byte[] need(EpisodeLayout layout, Map<String, byte[]> files, String file)
      throws IOException {
    byte[] bytes = files.get(file);
    if (bytes == null) {
      throw new IOException(layout.prefix() + "manifest.json does not list " + file);
    }
    return bytes;
  }
}
