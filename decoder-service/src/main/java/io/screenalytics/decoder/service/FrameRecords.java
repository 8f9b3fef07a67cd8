package io.screenalytics.decoder.service;

import io.screenalytics.decoder.publish.EncodedFrame;
import io.screenalytics.schemas.EpisodeRequest;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.SceneTransition;
import io.screenalytics.video.decode.DecodedFrame;
import io.screenalytics.video.decode.SceneCutDetector;
import io.screenalytics.video.decode.VideoInfo;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The decoder's messages built from what it decoded: one {@link Frame} per sampled frame, its scene transitions. */
final class FrameRecords {

  private static final ByteBuffer NO_IMAGE = ByteBuffer.wrap(new byte[0]);

  private FrameRecords() {}

  /**
   * The frame message of one sampled frame.
   *
   * @param r       the episode's request
   * @param df      the decoded frame (index, presentation time in seconds)
   * @param encoded its JPEG and sizes in pixels, as published (upright)
   * @param ref     the claim check's artifact key when the JPEG went to the store (the message then carries no
   *     image bytes), else empty
   * @param info    the video's stream information (fps)
   * @param stride  the sampling stride, frames
   * @param cut     the last scene cut at or before this frame since the previous sampled one, or null
   * @return the message, {@code is_last} false and no transitions (the caller sets them)
   */
  static Frame frame(EpisodeRequest r, DecodedFrame df, EncodedFrame encoded, Optional<String> ref, VideoInfo info,
      int stride, SceneCutDetector.Cut cut) {
    return Frame.newBuilder()
        .setEpisodeId(r.getEpisodeId())
        .setFrameIdx(df.frameIdx())
        .setTs(df.tsSeconds())
        .setWidth(encoded.width())
        .setHeight(encoded.height())
        .setSourceWidth(encoded.sourceWidth())
        .setSourceHeight(encoded.sourceHeight())
        .setImageFormat("jpeg")
        .setImage(ref.isPresent() ? NO_IMAGE : ByteBuffer.wrap(encoded.jpeg()))
        .setImageRef(ref.orElse(null))
        .setRotationDegrees(encoded.rotation().degrees())
        .setSceneCut(cut != null)
        .setSceneCutFrameIdx(cut == null ? -1 : cut.frameIdx())
        .setSceneCutTs(cut == null ? -1.0 : cut.ts())
        .setIsLast(false)
        .setFps(info.fps())
        .setStride(stride)
        .build();
  }

  /** The detector's gradual transitions (fades, dissolves) as messages, kind in lower case, in the same order. */
  static List<SceneTransition> transitions(List<SceneCutDetector.Transition> transitions) {
    return transitions.stream().map(t -> SceneTransition.newBuilder()
        .setKind(t.kind().name().toLowerCase(Locale.ROOT)).setStartFrameIdx(t.startFrameIdx())
        .setStartTs(t.startTs()).setEndFrameIdx(t.endFrameIdx()).setEndTs(t.endTs()).build()).toList();
  }
}
