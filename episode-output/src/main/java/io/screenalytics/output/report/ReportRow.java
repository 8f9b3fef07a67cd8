package io.screenalytics.output.report;

import io.screenalytics.identities.Identity;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.screentime.Timeline;
import java.util.List;

/**
 * One line of the report: an identity (or the unassigned tracks) with its colour, screen time and
 * intervals on screen.
 *
 * @param id        identity id, {@code unassigned} for the unassigned tracks
 * @param label     cast name, or the id of an unknown
 * @param identity  the identity, or null for the unassigned row
 * @param colour    CSS colour of its bars and intervals
 * @param time      its screen time
 * @param segments  intervals on screen, in time order
 * @param quality   median face quality of its faces (det_score x sharpness, {@code FaceScore}), 0..1
 * @param trackIds  its tracks, ascending
 * @param thumbnails faces shown, best first (carrying their JPEG)
 * @param speaking  its speech turns, in time order (empty when it does not speak or voices were not assembled)
 */
record ReportRow(String id, String label, Identity identity, String colour, ScreenTime time,
    List<Timeline.Segment> segments, double quality, List<Integer> trackIds, List<FaceRecord> thumbnails,
    List<Timeline.Segment> speaking) {

  ReportRow {
    speaking = List.copyOf(speaking);
    segments = List.copyOf(segments);
    trackIds = List.copyOf(trackIds);
    thumbnails = List.copyOf(thumbnails);
  }

  /** Whether the row is a cast member (named identity). */
  boolean named() {
    return identity != null && identity.isKnown();
  }
}
