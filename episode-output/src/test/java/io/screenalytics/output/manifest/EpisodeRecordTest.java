package io.screenalytics.output.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.Transition;
import io.screenalytics.identities.json.JsonCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The episode record's scene cuts and fades, as every manifest file writes them and rescore reads them back. */
class EpisodeRecordTest {

  @Test
  void shouldWriteCutsWithTheirFramesAndFadesApartAndReadThemBack() throws Exception {
    // Given PySceneDetect's testvideo.mp4 as the decoder reports it (29.97 fps, video starting at 0)
    EpisodeInfo episode = new EpisodeInfo("testvideo", 29.97, 6, 24.0, 120, List.of(1.001, 6.006, 13.1464),
        List.of(30L, 180L, 394L), List.of(new Transition("fade_in", 210, 7.007, 240, 8.008),
            new Transition("fade_out", 330, 11.011, 360, 12.012)), null);

    // When written as JSON and read back
    byte[] json = JsonCodec.pretty(ManifestDtos.EpisodeDto.of(episode));
    EpisodeInfo back = JsonCodec.read(json, ManifestDtos.EpisodeDto.class).toEpisode();

    // Then the cuts keep their frame_idx beside their ts, and the fades stay apart from the cuts
    String text = new String(json, StandardCharsets.UTF_8);
    assertThat(text).contains("\"scene_cut_frame_idx\"", "\"transitions\"", "\"start_frame_idx\" : 210");
    assertThat(back).isEqualTo(episode);
  }
}
