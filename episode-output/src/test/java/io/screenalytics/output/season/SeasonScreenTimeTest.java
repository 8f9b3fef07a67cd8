package io.screenalytics.output.season;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.output.EpisodeOutput;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.store.LocalArtifactStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SeasonScreenTimeTest {

  @TempDir Path root;

  /** Assembles {@code ep} against a facebank naming its person "ann" {@code annAs}, and writes its folder. */
  private static void write(LocalArtifactStore store, SyntheticEpisode ep, String annAs, String bobAs)
      throws IOException {
    Facebank.Builder bank = Facebank.builder()
        .add(annAs, new FacebankSeed(ep.noisy(ep.person("ann"), 0.3), "ann.jpg", "fr_feature"));
    if (bobAs != null) {
      bank.add(bobAs, new FacebankSeed(ep.noisy(ep.person("bob"), 0.3), "bob.jpg", "fr_feature"));
    }
    Facebank cast = bank.build();
    AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    EpisodeOutput.write(store, result, cast);
  }

  @Test
  void shouldLineUpPeopleNamedAlikeAcrossEpisodesAndKeepUnknownsPerEpisode() throws IOException {
    // Given two episodes: the same person named "Ann Åberg" in one and "ann aberg" in the other, a person named
    // with a comma and quotes in the second, and an unknown person in each
    LocalArtifactStore store = new LocalArtifactStore(root);
    SyntheticEpisode e1 = new SyntheticEpisode("s01e01", 30, 6, 60, 7).track(1, "ann", 0, 20).track(2, "cal", 0, 10);
    SyntheticEpisode e2 = new SyntheticEpisode("s01e02", 30, 6, 60, 8).track(1, "ann", 0, 5)
        .track(2, "bob", 10, 10).track(3, "dee", 40, 4);
    write(store, e1, "Ann Åberg", null);
    write(store, e2, "ann aberg", "Smith, \"Jo\"");
    // and a folder without a manifest (an episode still being written): not an episode yet
    store.put("episodes/s01e03/screen_time.json", "{}".getBytes(StandardCharsets.UTF_8));

    // When the season is read
    List<String> unreadable = new ArrayList<>();
    List<SeasonScreenTime.Row> rows = SeasonScreenTime.read(store, (id, why) -> unreadable.add(id));

    // Then one row per episode and identity, in episode order, with one person key and spelling for Ann
    assertThat(unreadable).isEmpty();
    assertThat(rows).extracting(SeasonScreenTime.Row::episodeId, SeasonScreenTime.Row::identityId,
        SeasonScreenTime.Row::person, SeasonScreenTime.Row::name).containsExactly(
        org.assertj.core.groups.Tuple.tuple("s01e01", "ann_aberg", "ann_aberg", "Ann Åberg"),
        org.assertj.core.groups.Tuple.tuple("s01e01", "unknown_01", "s01e01/unknown_01", null),
        org.assertj.core.groups.Tuple.tuple("s01e02", "smith_jo", "smith_jo", "Smith, \"Jo\""),
        org.assertj.core.groups.Tuple.tuple("s01e02", "ann_aberg", "ann_aberg", "Ann Åberg"),
        org.assertj.core.groups.Tuple.tuple("s01e02", "unknown_01", "s01e02/unknown_01", null));
    // with the figures of each episode's screen_time.json
    for (String episode : List.of("s01e01", "s01e02")) {
      Map<String, ScreenTime> stored = new EpisodeManifestReader().screenTime(store, episode).stream()
          .collect(Collectors.toMap(ScreenTime::identityId, t -> t));
      rows.stream().filter(r -> r.episodeId().equals(episode)).forEach(r -> {
        ScreenTime t = stored.get(r.identityId());
        assertThat(r.visibleSeconds()).isCloseTo(t.visibleSeconds(), within(5e-4));
        assertThat(r.share()).isCloseTo(t.share(), within(5e-7));
        assertThat(r.firstTs()).isCloseTo(t.firstTs(), within(5e-4));
        assertThat(r.lastTs()).isCloseTo(t.lastTs(), within(5e-4));
        assertThat(r.speakingS()).as("no voices in these episodes").isNull();
      });
    }
    assertThat(rows.get(0).visibleSeconds()).isCloseTo(20 * 0.2, within(1e-9));
  }

  @Test
  void shouldQuoteCsvCellsAndLeaveMissingValuesEmpty() throws IOException {
    // Given rows with a comma, quotes and a line break in names, and no voices or appearance
    List<SeasonScreenTime.Row> rows = List.of(
        new SeasonScreenTime.Row("ep1", "smith_jo", "smith_jo", "Smith, \"Jo\"", 4.2, 0.07, 1.5, 0.8, 10.0),
        new SeasonScreenTime.Row("ep1", "multi_line", "multi_line", "Multi\nLine", 0.2, 0.0033, null, 3.0, 3.0),
        new SeasonScreenTime.Row("ep1", "voice_01", "ep1/voice_01", null, 0.0, 0.0, 2.25, null, null));
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    // When written as CSV
    SeasonScreenTime.writeCsv(rows, out);

    // Then RFC 4180: quoted where needed, quotes doubled, empty cells for nulls, the header first
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(""
        + "episode_id,identity_id,person,name,visible_seconds,share,speaking_s,first_ts,last_ts\n"
        + "ep1,smith_jo,smith_jo,\"Smith, \"\"Jo\"\"\",4.2,0.07,1.5,0.8,10.0\n"
        + "ep1,multi_line,multi_line,\"Multi\nLine\",0.2,0.0033,,3.0,3.0\n"
        + "ep1,voice_01,ep1/voice_01,,0.0,0.0,2.25,,\n");
  }

  @Test
  void shouldWriteJsonRowsWithTheCsvColumnNames() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SeasonScreenTime.writeJson(List.of(
        new SeasonScreenTime.Row("ep1", "voice_01", "ep1/voice_01", null, 0.0, 0.0, 2.25, null, null)), out);
    var json = io.screenalytics.identities.json.JsonCodec.mapper().readTree(out.toByteArray());
    assertThat(json).hasSize(1);
    List<String> names = new ArrayList<>();
    json.get(0).fieldNames().forEachRemaining(names::add);
    assertThat(names).isEqualTo(SeasonScreenTime.COLUMNS);
    assertThat(json.get(0).get("speaking_s").asDouble()).isEqualTo(2.25);
    assertThat(json.get(0).get("name").isNull()).isTrue();
  }
}
