package io.screenalytics.detecttrack.service;

import io.screenalytics.detecttrack.track.BBox;
import io.screenalytics.detecttrack.track.ClosedTrack;
import io.screenalytics.schemas.TrackSample;
import java.util.List;
import java.util.Locale;

/** Converts the tracker's closed tracks to their Avro records. */
final class Tracks {

  private Tracks() {}

  static io.screenalytics.schemas.ClosedTrack toRecord(String episodeId, ClosedTrack t) {
    List<TrackSample> samples = t.samples().stream().map(s -> TrackSample.newBuilder()
        .setFrameIdx(s.frameIdx()).setTs(s.tsSeconds()).setBboxXyxy(xyxy(s.box())).setDetScore((float) s.detScore())
        .build()).toList();
    return io.screenalytics.schemas.ClosedTrack.newBuilder()
        .setEpisodeId(episodeId)
        .setTrackId(t.trackId())
        .setFirstFrameIdx(t.firstFrameIdx())
        .setLastFrameIdx(t.lastFrameIdx())
        .setFirstTs(t.firstTs())
        .setLastTs(t.lastTs())
        .setSamples(samples)
        .setMeanDetScore((float) t.meanDetScore())
        .setEndReason(t.endReason().name().toLowerCase(Locale.ROOT))
        .build();
  }

  static List<Float> xyxy(BBox b) {
    return List.of((float) b.x1(), (float) b.y1(), (float) b.x2(), (float) b.y2());
  }
}
