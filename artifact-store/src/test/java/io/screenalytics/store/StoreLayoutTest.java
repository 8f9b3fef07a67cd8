package io.screenalytics.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every store key the system writes, spelled out: stored data stays readable only while these stay the same. */
class StoreLayoutTest {

  @Test
  void shouldBuildEveryStoreKeyAsStoredToday() {
    List<String> keys = List.of(
        StoreLayout.episode("s01e01"),
        StoreLayout.episodeFile("s01e01", "manifest.json"),
        StoreLayout.episodeFile("s01e01", "thumbnails/"),
        StoreLayout.frame("s01e01", 120),
        StoreLayout.facebank("cast"),
        StoreLayout.facebankPhotos("cast"),
        StoreLayout.enrolledPhoto("cast", "0a1b2c3d4e5f", "ann.jpg"),
        StoreLayout.learnedPhoto("cast", "s01e01", 7, 120),
        StoreLayout.VOICEBANK,
        StoreLayout.voiceCache("s01e01", "a4a2ba723915f773900ca01ce231204fe937e2b1c71e60f0c3423a3c7fd19794"));

    assertThat(keys).containsExactly(
        "episodes/s01e01/",
        "episodes/s01e01/manifest.json",
        "episodes/s01e01/thumbnails/",
        "episodes/s01e01/frames/120.jpg",
        "facebanks/cast.json",
        "facebanks/cast/photos/",
        "facebanks/cast/photos/0a1b2c3d4e5f_ann.jpg",
        "facebanks/cast/photos/s01e01_t7_f120.jpg",
        "voicebanks/default.json",
        "voice/cache/s01e01/a4a2ba723915f773900ca01ce231204fe937e2b1c71e60f0c3423a3c7fd19794.bin");
    assertThat(keys).allMatch(k -> k.startsWith(StoreLayout.EPISODES) || k.startsWith(StoreLayout.FACEBANKS)
        || k.startsWith(StoreLayout.VOICEBANKS) || k.startsWith(StoreLayout.VOICE_CACHE));
  }

  @Test
  void shouldReadTheFacebankNameBackFromItsKeyOnly() {
    assertThat(StoreLayout.facebankName(StoreLayout.facebank("cast"))).contains("cast");
    assertThat(StoreLayout.facebankName("facebanks/cast/photos/a.json")).isEmpty();
    assertThat(StoreLayout.facebankName("/tmp/cast.json")).isEmpty();
    assertThat(StoreLayout.facebankName(null)).isEmpty();
  }

  @Test
  void shouldRefuseKeysThatLeaveTheirFolder() {
    assertThatThrownBy(() -> StoreLayout.episodeFile("s01e01", "../x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreLayout.enrolledPhoto("cast", "0a", "a/b.jpg")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreLayout.voiceCache("../s01", "ab")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> StoreLayout.voiceCache("s01e01", "a/b")).isInstanceOf(IllegalArgumentException.class);
  }
}
