package io.screenalytics.assembly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.voice.EpisodeAsd;
import io.screenalytics.identities.voice.EpisodeAsd.AsdState;
import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.AsdSpan;
import io.screenalytics.schemas.AsdStatus;
import io.screenalytics.schemas.AsdTrackLogits;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AsdChunksTest {

  private static AsdScores chunk(int c, int of, AsdStatus status, List<AsdSpan> spans) {
    return AsdScores.newBuilder().setEpisodeId("ep").setChunk(c).setChunks(of).setStatus(status)
        .setReason(status == AsdStatus.OK ? null : "audio: corrupt").setModel("light_asd_ava").setModelSha256("")
        .setFps(25).setSpans(spans).build();
  }

  private static AsdSpan span(int idx, double start, int track, float... logits) {
    List<Float> l = new java.util.ArrayList<>();
    for (float f : logits) l.add(f);
    return new AsdSpan(idx, start, start + logits.length / 25.0, List.of(new AsdTrackLogits(track, l)));
  }

  @Test void shouldJoinEveryChunkIntoTrackLogitsWithJoinedTrackIds() {
    AsdChunks chunks = new AsdChunks();
    chunks.add(chunk(1, 2, AsdStatus.OK, List.of(span(1, 10.0, 7, -1f, 2f))));
    assertThat(chunks.isComplete()).isFalse();
    chunks.add(chunk(0, 2, AsdStatus.OK, List.of(span(0, 1.0, 3, 0.5f))));
    assertThat(chunks.isComplete()).isTrue();

    // track 7 was joined into track 3 across a chunk boundary
    EpisodeAsd asd = chunks.asd(Map.of(7, 3));

    assertThat(asd.state()).isEqualTo(AsdState.OK);
    assertThat(asd.model()).isEqualTo("light_asd_ava");
    assertThat(asd.tracks()).extracting(t -> t.trackId()).containsExactly(3, 3);
    assertThat(asd.tracks().get(1).startS()).isEqualTo(10.0);
    assertThat(asd.tracks().get(1).logitAt(10.05)).isEqualTo(2f);
  }

  @Test void shouldReadAFailedOrUnknownResultAsFailedWithItsReason() {
    AsdChunks failed = new AsdChunks();
    failed.add(chunk(0, 1, AsdStatus.FAILED, List.of()));
    assertThat(failed.asd(Map.of())).satisfies(a -> {
      assertThat(a.state()).isEqualTo(AsdState.FAILED);
      assertThat(a.reason()).isEqualTo("audio: corrupt");
    });
    AsdChunks unknown = new AsdChunks();
    unknown.add(chunk(0, 1, AsdStatus.UNKNOWN, List.of()));
    assertThat(unknown.asd(Map.of()).reason()).startsWith("unknown active speaker status");
  }
}
