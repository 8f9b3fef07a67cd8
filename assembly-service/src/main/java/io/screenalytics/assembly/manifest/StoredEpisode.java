package io.screenalytics.assembly.manifest;

import io.screenalytics.assembly.episode.EpisodeInfo;
import io.screenalytics.assembly.episode.FaceRecord;
import io.screenalytics.assembly.episode.ModelInfo;
import io.screenalytics.assembly.episode.TrackRecord;
import java.util.List;

/**
 * An episode read back from its folder: the inputs of {@code EpisodeAssembler.assemble}, so identities
 * can be recomputed (new settings, new facebank) without decoding the video again.
 *
 * @param episode the episode
 * @param models  models recorded at write time
 * @param faces   faces ordered by ({@code frame_idx}, {@code face_id}), with their {@code float[D]}
 *                embeddings re-attached from {@code embeddings.f32}, and the JPEG of faces that were
 *                saved as thumbnails
 * @param tracks  tracks ordered by {@code track_id}
 */
public record StoredEpisode(
    EpisodeInfo episode, List<ModelInfo> models, List<FaceRecord> faces, List<TrackRecord> tracks) {

  public StoredEpisode {
    models = List.copyOf(models);
    faces = List.copyOf(faces);
    tracks = List.copyOf(tracks);
  }
}
