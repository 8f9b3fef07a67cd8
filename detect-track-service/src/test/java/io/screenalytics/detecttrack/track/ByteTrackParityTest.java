package io.screenalytics.detecttrack.track;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Parity with the official ByteTrack on recorded detections ({@code shared/reference/bytetrack}, see its
 * README): same track ids on the same frames, in the same order, boxes within 1e-3 px. Fails when the data
 * is missing.
 */
class ByteTrackParityTest {

  private static final double BOX_TOLERANCE_PX = 1e-3;

  /**
   * Sequence, fps, frame count and, per run, the number of ids the reference allocated (manifest.json).
   */
  static Stream<Arguments> runs() {
    Object[][] sequences = {
      {"facenet", 25.0, 105, 28, 11},
      {"hamilton", 29.97, 275, 20, 11},
      {"syn_crossing", 30.0, 60, 2, 2},
      {"syn_occlusion10", 30.0, 60, 4, 3},
      {"syn_lowscore", 30.0, 50, 3, 2},
      {"syn_longgap", 30.0, 100, 9, 9},
      {"syn_assign_limit", 30.0, 10, 3, 3},
    };
    List<Arguments> out = new ArrayList<>();
    for (Object[] s : sequences) {
      out.add(Arguments.of(s[0], 0.5, "tt050", s[1], s[2], s[3]));
      out.add(Arguments.of(s[0], 0.7, "tt070", s[1], s[2], s[4]));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0} {2}")
  @MethodSource("runs")
  void shouldMatchReferenceTracks(
      String sequence, double trackThresh, String tag, double fps, int frames, int idsAllocated) {
    // Given the reference detections and outputs
    Path dir = ReferenceData.directory();
    Path detsFile = dir.resolve(sequence + ".dets.csv");
    Path tracksFile = dir.resolve(sequence + "." + tag + ".tracks.csv");
    assertThat(detsFile).as("reference data (set -Dscreenalytics.shared)").isRegularFile();
    assertThat(tracksFile).isRegularFile();
    Map<Integer, List<ScoredBox>> dets = ReferenceData.readDetections(detsFile);
    Map<Integer, List<ReferenceData.TrackRow>> expected = ReferenceData.readTracks(tracksFile);
    TrackIdSequence ids = new TrackIdSequence();
    ByteTracker tracker = new ByteTracker(ByteTrackConfig.reference(trackThresh, 0.8, 30, fps), ids);

    // When every frame 1..N is fed, empty ones included
    for (int frame = 1; frame <= frames; frame++) {
      List<ScoredBox> input = dets.getOrDefault(frame, List.of());
      List<TrackedBox> actual = tracker.update(input).tracks();

      // Then the outputs equal the reference rows, in order
      List<ReferenceData.TrackRow> want = expected.getOrDefault(frame, List.of());
      String where = sequence + " " + tag + " frame " + frame;
      assertThat(actual.stream().map(TrackedBox::trackId).toList())
          .as(where + " track ids")
          .isEqualTo(want.stream().map(ReferenceData.TrackRow::trackId).toList());
      for (int k = 0; k < want.size(); k++) {
        TrackedBox got = actual.get(k);
        ReferenceData.TrackRow row = want.get(k);
        String what = where + " track " + row.trackId();
        assertThat(got.box().x1()).as(what + " x1").isCloseTo(row.box().x1(), within(BOX_TOLERANCE_PX));
        assertThat(got.box().y1()).as(what + " y1").isCloseTo(row.box().y1(), within(BOX_TOLERANCE_PX));
        assertThat(got.box().x2()).as(what + " x2").isCloseTo(row.box().x2(), within(BOX_TOLERANCE_PX));
        assertThat(got.box().y2()).as(what + " y2").isCloseTo(row.box().y2(), within(BOX_TOLERANCE_PX));
        assertThat(got.score()).as(what + " score").isCloseTo(row.score(), within(1e-6));
        // the matched detection is the one whose score the reference reports, from this frame's input
        assertThat(input).as(what + " detection").contains(got.detection());
        assertThat(input.get(got.detectionIndex())).isSameAs(got.detection());
        assertThat(got.detection().score()).isEqualTo(got.score());
      }
    }
    assertThat(expected.keySet()).allMatch(f -> f <= frames);
    assertThat(tracker.frameId()).isEqualTo(frames);
    assertThat(ids.lastIssued()).as("ids allocated").isEqualTo(idsAllocated);
  }
}
