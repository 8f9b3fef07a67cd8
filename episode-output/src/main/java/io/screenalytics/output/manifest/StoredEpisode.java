package io.screenalytics.output.manifest;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An episode read back from its folder: the inputs of {@code EpisodeAssembler.assemble}, so identities
 * can be recomputed (new settings, new facebank) without decoding the video again.
 *
 * @param episode  the episode
 * @param models   models recorded at write time
 * @param settings the assembly settings recorded at write time (key to value text, sorted)
 * @param faces    faces ordered by ({@code frame_idx}, {@code face_id}), with their {@code float[D]}
 *                 embeddings re-attached from {@code embeddings.f32}, and the JPEG of faces that were
 *                 saved as thumbnails or as their track's best face
 * @param tracks   tracks ordered by {@code track_id}
 * @param facebank the facebank the episode was last matched against ({@link Facebank#empty()} when
 *                 none was recorded)
 */
public record StoredEpisode(EpisodeInfo episode, List<ModelInfo> models, SortedMap<String, String> settings,
    List<FaceRecord> faces, List<TrackRecord> tracks, Facebank facebank) {

  public StoredEpisode {
    Objects.requireNonNull(facebank, "facebank");
    settings = Collections.unmodifiableSortedMap(new TreeMap<>(settings));
    models = List.copyOf(models);
    faces = List.copyOf(faces);
    tracks = List.copyOf(tracks);
  }
}
