package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeasonInputsTest {

  @TempDir
  Path dir;

  @Test
  void shouldTakeAFoldersVideosInNameOrderSkipOtherFilesAndFailEmptyOnesWithoutPushingThem() throws Exception {
    // Given a folder with videos of several containers, an empty one, notes and a hidden file
    Files.writeString(dir.resolve("s01e02.MKV"), "x");
    Files.writeString(dir.resolve("s01e01.mp4"), "x");
    Files.createFile(dir.resolve("s01e03.mp4"));
    Files.writeString(dir.resolve("notes.txt"), "x");
    Files.writeString(dir.resolve(".DS_Store"), "x");
    Files.createDirectory(dir.resolve("extras.mp4"));

    SeasonInputs season = SeasonInputs.of(List.of(), dir, null);

    assertThat(season.episodes()).extracting(SeasonInputs.Episode::id).containsExactly("s01e01", "s01e02", "s01e03");
    assertThat(season.episodes().get(0).refused()).isNull();
    assertThat(season.episodes().get(2).refused()).contains("empty");
    assertThat(season.skipped()).extracting(p -> p.getFileName().toString()).containsExactly(".DS_Store", "notes.txt");
  }

  @Test
  void shouldRefuseTwoVideosGivingOneEpisodeIdUpFront() throws Exception {
    Files.writeString(dir.resolve("e01.mp4"), "x");
    Files.writeString(dir.resolve("e01.mkv"), "x");
    assertThatThrownBy(() -> SeasonInputs.of(List.of(), dir, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("two videos give episode id e01")
        .hasMessageContaining("e01.mkv").hasMessageContaining("e01.mp4");
  }

  @Test
  void shouldTakeRepeatedVideosFirstAndAnEpisodeIdOnlyForOne() throws Exception {
    Path a = Files.writeString(dir.resolve("a.mp4"), "x");
    Path b = Files.writeString(dir.resolve("b.mp4"), "x");
    assertThat(SeasonInputs.of(List.of(b.toString(), a.toString()), null, null).episodes())
        .extracting(SeasonInputs.Episode::id).containsExactly("b", "a");
    assertThat(SeasonInputs.of(List.of(a.toString()), null, "pilot").episodes())
        .extracting(SeasonInputs.Episode::id).containsExactly("pilot");
    assertThatThrownBy(() -> SeasonInputs.of(List.of(a.toString(), b.toString()), null, "pilot"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--episode-id");
    assertThatThrownBy(() -> SeasonInputs.of(List.of(), null, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--videos DIR");
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Files.writeString(empty.resolve("readme.md"), "x");
    assertThatThrownBy(() -> SeasonInputs.of(List.of(), empty, null))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("holds no video file");
  }
}
