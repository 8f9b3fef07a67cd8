package io.screenalytics.output.manifest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.episode.TrackSample;
import io.screenalytics.identities.episode.Transition;
import io.screenalytics.identities.facebank.SeedMatch;
import io.screenalytics.identities.naming.NamingDecision;
import io.screenalytics.identities.screentime.ScreenTime;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

/**
 * The on-disk shapes of the episode folder (serialised snake_case by {@code JsonCodec}), kept apart
 * from the domain records so the file format changes only on purpose. Property order is the
 * component order below.
 */
final class ManifestDtos {

  private ManifestDtos() {}

  record ModelDto(String role, String name, String file, String licence, String sha256) {
    static ModelDto of(ModelInfo m) {
      return new ModelDto(m.role(), m.name(), m.file(), m.licence(), m.sha256());
    }

    ModelInfo toModel() {
      return new ModelInfo(role, name, file, licence, sha256);
    }
  }

  record EpisodeDto(String episodeId, double fps, int stride, double durationS, long framesSampled,
      List<Double> sceneCutTs, List<Long> sceneCutFrameIdx, List<Transition> transitions, String videoUri) {
    static EpisodeDto of(EpisodeInfo e) {
      return new EpisodeDto(e.episodeId(), e.fps(), e.stride(), e.durationS(), e.framesSampled(),
          e.sceneCutTs(), e.sceneCutFrameIdx(), e.transitions(), e.videoUri());
    }

    EpisodeInfo toEpisode() {
      return new EpisodeInfo(episodeId, fps, stride, durationS, framesSampled,
          sceneCutTs == null ? List.of() : sceneCutTs, sceneCutFrameIdx == null ? List.of() : sceneCutFrameIdx,
          transitions == null ? List.of() : transitions, videoUri);
    }
  }

  /**
   * One line of {@code faces.jsonl}; {@code embeddingRow} points into {@code embeddings.f32}; {@code seedCastId}
   * and {@code seedSimilarity} are the face's nearest cast seed ({@link SeedMatch}), null without one.
   */
  record FaceLine(String faceId, long frameIdx, double ts, int trackId, float[] bboxXyxy,
      float detScore, float contrast, float blur, Integer embeddingRow, String skipReason, String seedCastId,
      Double seedSimilarity) {
    static FaceLine of(FaceRecord f, Integer row, SeedMatch seed) {
      return new FaceLine(f.faceId(), f.frameIdx(), f.ts(), f.trackId(), f.bboxXyxy(), f.detScore(),
          f.contrast(), f.blur(), row, f.skipReason(), seed == null ? null : seed.castId(),
          seed == null ? null : seed.similarity());
    }

    FaceRecord toFace() {
      return new FaceRecord(faceId, frameIdx, ts, trackId, bboxXyxy, detScore, contrast, blur, null,
          skipReason);
    }
  }

  record SampleDto(long frameIdx, double ts, float[] bboxXyxy, float detScore) {
    static SampleDto of(TrackSample s) {
      return new SampleDto(s.frameIdx(), s.ts(), s.bboxXyxy(), s.detScore());
    }

    TrackSample toSample() {
      return new TrackSample(frameIdx, ts, bboxXyxy, detScore);
    }
  }

  /**
   * One line of {@code tracks.jsonl}; {@code cropFile} and {@code cropFaceId} name the track's best face
   * saved under {@code crops/} (null when no face of the track carried a JPEG).
   */
  record TrackLine(int trackId, long firstFrameIdx, long lastFrameIdx, double firstTs, double lastTs,
      float meanDetScore, String endReason, List<SampleDto> samples, String cropFile, String cropFaceId) {
    static TrackLine of(TrackRecord t, String cropFile, String cropFaceId) {
      return new TrackLine(t.trackId(), t.firstFrameIdx(), t.lastFrameIdx(), t.firstTs(), t.lastTs(),
          t.meanDetScore(), t.endReason(), t.samples().stream().map(SampleDto::of).toList(), cropFile,
          cropFaceId);
    }

    TrackRecord toTrack() {
      List<TrackSample> s = samples == null ? List.of() : samples.stream().map(SampleDto::toSample).toList();
      return new TrackRecord(trackId, firstFrameIdx, lastFrameIdx, firstTs, lastTs, s, meanDetScore,
          endReason);
    }
  }

  record EmbeddingRowDto(int row, String faceId, int trackId) {}

  /** {@code embeddings_index.json}. */
  record EmbeddingsIndexDoc(int schemaVersion, String episodeId, String file, String dtype,
      String byteOrder, int rows, int dims, String model, List<ModelDto> models,
      List<EmbeddingRowDto> index) {}

  record MatchDto(String name, double similarity, String sourcePhoto) {}

  record ThumbnailDto(String file, String faceId, int trackId, long frameIdx, double score) {}

  record IdentityDto(String identityId, String name, MatchDto bestMatch, List<Integer> trackIds,
      List<ThumbnailDto> thumbnails, List<NamingDto> naming) {}

  /** One naming decision of an identity's tracks ({@link NamingDecision}); NaN figures are written as null. */
  record NamingDto(List<Integer> trackIds, String name, String source, Double similarity, Double threshold,
      String seedPhoto, Integer evidenceTrackId, double quality, String qualityBand, String runnerUp,
      Double runnerUpSimilarity, String reason) {
    static NamingDto of(NamingDecision d) {
      return new NamingDto(d.trackIds(), d.name(), d.source().name().toLowerCase(Locale.ROOT),
          finite(d.similarity()), finite(d.threshold()), d.seedPhoto(), d.evidenceTrackId(), d.quality(),
          d.band().name(), d.runnerUp(), finite(d.runnerUpSimilarity()), d.reason());
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }

  /** {@code identities.json}. */
  record IdentitiesDoc(int schemaVersion, String episodeId, List<ModelDto> models,
      SortedMap<String, String> settings, List<IdentityDto> identities,
      List<Integer> unassignedTrackIds) {}

  record ScreenTimeDto(String identityId, String name, double visibleSeconds, double share,
      Double firstTs, Double lastTs, int tracks, int faces, int frames,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long firstFrameIdx,
      @JsonInclude(JsonInclude.Include.NON_NULL) Long lastFrameIdx,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double speakingS,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double speakingOnScreenS,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double speakingOffScreenS,
      @JsonInclude(JsonInclude.Include.NON_NULL) String voicebankName,
      @JsonInclude(JsonInclude.Include.NON_NULL) Double voicebankSimilarity,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean nameConflict) {
    static ScreenTimeDto of(ScreenTime s) {
      return of(s, null);
    }

    /** The row with the speaking fields of {@code speaking} (null: none, the fields are left out). */
    static ScreenTimeDto of(ScreenTime s, VoiceFiles.SpeakingDto speaking) {
      return new ScreenTimeDto(s.identityId(), s.name(), s.visibleSeconds(), s.share(),
          finite(s.firstTs()), finite(s.lastTs()), s.tracks(), s.faces(), s.frames(),
          s.firstFrameIdx() < 0 ? null : s.firstFrameIdx(), s.lastFrameIdx() < 0 ? null : s.lastFrameIdx(),
          speaking == null ? null : speaking.speakingS(), speaking == null ? null : speaking.speakingOnScreenS(),
          speaking == null ? null : speaking.speakingOffScreenS(), speaking == null ? null : speaking.voicebankName(),
          speaking == null ? null : speaking.voicebankSimilarity(),
          speaking == null || !speaking.nameConflict() ? null : true);
    }

    private static Double finite(double v) {
      return Double.isFinite(v) ? v : null;
    }
  }

  /** {@code screen_time.json}. */
  record ScreenTimeDoc(int schemaVersion, EpisodeDto episode, List<ModelDto> models,
      double secondsPerSampledFrame, List<ScreenTimeDto> identities, ScreenTimeDto unassigned,
      @JsonInclude(JsonInclude.Include.NON_NULL) VoiceFiles.VoiceSummaryDto voice) {}

  record FileDto(String file, long bytes, String sha256) {}

  /** {@code manifest.json}, written last. */
  record ManifestDoc(int schemaVersion, EpisodeDto episode, List<ModelDto> models,
      SortedMap<String, String> settings, List<FileDto> files) {}
}
