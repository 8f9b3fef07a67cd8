package io.screenalytics.output;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.output.review.Decision;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.LocalArtifactStore;
import io.screenalytics.store.StoreLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeReviewTest {

  private static final String BANK = "show";

  @TempDir Path root;

  private LocalArtifactStore store;
  private EpisodeReview review;

  /** Ann in tracks 1 and 3, Bea in 2, Cal in 4; the facebank knows Ann from a photo. */
  private static SyntheticEpisode episode(String id) {
    return new SyntheticEpisode(id, 30, 6, 60, 7)
        .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 50, 10).track(4, "cal", 90, 8);
  }

  @BeforeEach
  void writeEpisode() throws IOException {
    store = new LocalArtifactStore(root);
    review = new EpisodeReview(store, Clock.fixed(Instant.parse("2026-12-06T06:30:00Z"), ZoneOffset.UTC));
    SyntheticEpisode ep = episode("s01e01");
    Facebank cast = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    new FacebankLibrary(store).save(BANK, cast);
    run(ep);
  }

  /** The episode as the service writes it, with the store facebank by name and the episode's decisions. */
  private AssemblyResult run(SyntheticEpisode ep) throws IOException {
    String id = ep.info().episodeId();
    Facebank cast = new FacebankLibrary(store).find(BANK).orElseThrow();
    DecisionLog log = DecisionLog.forRun(store, id, StoreLayout.facebank(BANK));
    AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS, log.edits());
    EpisodeOutput.write(store, result, cast);
    return result;
  }

  private static List<String> ids(AssemblyResult r) {
    return r.identities().stream().map(Identity::id).toList();
  }

  @Test
  void shouldNameAnUnknownTeachTheFacebankAndNameThePersonInTheNextEpisode() throws IOException {
    // Given Bea is unknown
    assertThat(ids(review.current("s01e01").result())).containsExactly("ann", "unknown_01", "unknown_02");
    // When the reviewer names her
    EpisodeReview.Outcome o = review.name("s01e01", "unknown_01", "Bea", Optional.empty(), "test");
    // Then the episode is rescored with her name, her tracks' faces are seeds with their provenance
    assertThat(ids(o.rescored().result())).containsExactly("ann", "bea", "unknown_01");
    assertThat(o.rescored().result().identity("bea").orElseThrow().trackIds()).containsExactly(2);
    Facebank bank = new FacebankLibrary(store).find(BANK).orElseThrow();
    assertThat(bank.seeds("Bea")).hasSize(EpisodeReview.SEEDS).allSatisfy(s -> {
      assertThat(s.provenance().episodeId()).isEqualTo("s01e01");
      assertThat(s.provenance().identityId()).isEqualTo("unknown_01");
      assertThat(s.provenance().trackId()).isEqualTo(2);
      assertThat(store.get(s.sourcePhoto())).isPresent();
    });
    DecisionLog log = review.log("s01e01");
    assertThat(log.facebank()).isEqualTo(BANK);
    assertThat(log.decisions()).singleElement().satisfies(d -> {
      assertThat(d.kind()).isEqualTo(Decision.Kind.NAME);
      assertThat(d.at()).isEqualTo("2026-12-06T06:30:00Z");
      assertThat(d.command()).isEqualTo("test");
    });
    assertThat(new String(store.require("episodes/s01e01/report.html"), StandardCharsets.UTF_8)).contains(">Bea<");
    // and a second episode matched against the same facebank names her without any decision
    AssemblyResult next = run(episode("s01e02"));
    Identity bea = next.identity("bea").orElseThrow();
    assertThat(bea.trackIds()).containsExactly(2);
    assertThat(bea.bestMatch().sourcePhoto()).startsWith("facebanks/show/photos/s01e01_t2_");
    assertThat(review.log("s01e02").decisions()).isEmpty();
  }

  @Test
  void shouldKeepARejectionThroughRescoresRerunsAndLaterEpisodesAndUndoIt() throws IOException {
    // When the reviewer says Ann's identity is not Ann
    EpisodeReview.Outcome o = review.reject("s01e01", "ann", "Ann", Optional.empty(), "test");
    // Then it is unknown, in a rescore, a rerun and an episode of the same people
    assertThat(ids(o.rescored().result())).containsExactly("unknown_01", "unknown_02", "unknown_03");
    assertThat(new FacebankLibrary(store).find(BANK).orElseThrow().rejections("Ann")).hasSize(1 + EpisodeReview.SEEDS);
    EpisodeRescorer.Outcome again = new EpisodeRescorer().rescore(store, "s01e01", Map.of(), Optional.empty());
    assertThat(again.result().identities()).noneMatch(Identity::isKnown);
    assertThat(run(episode("s01e01")).identities()).noneMatch(Identity::isKnown);
    assertThat(run(episode("s01e02")).identities()).noneMatch(Identity::isKnown);
    // When it is undone, Ann is named again and the facebank has no rejection left
    EpisodeReview.Outcome undone = review.undo("s01e01");
    assertThat(ids(undone.rescored().result())).containsExactly("ann", "unknown_01", "unknown_02");
    assertThat(new FacebankLibrary(store).find(BANK).orElseThrow().rejections("Ann")).isEmpty();
    assertThat(review.log("s01e01").decisions()).isEmpty();
  }

  @Test
  void shouldRejectANameLearnedFromTheEpisodeAndDropItsSeeds() throws IOException {
    // Given Cal was named Bea by mistake
    review.name("s01e01", "unknown_02", "Bea", Optional.empty(), "test");
    assertThat(ids(review.current("s01e01").result())).contains("bea");
    // When the reviewer says it is not Bea
    EpisodeReview.Outcome o = review.reject("s01e01", "bea", "Bea", Optional.empty(), "test");
    // Then the seeds learned from its tracks are gone, and an undo puts them back
    assertThat(ids(o.rescored().result())).doesNotContain("bea");
    assertThat(new FacebankLibrary(store).find(BANK).orElseThrow().seeds("Bea")).isEmpty();
    review.undo("s01e01");
    assertThat(new FacebankLibrary(store).find(BANK).orElseThrow().seeds("Bea")).hasSize(EpisodeReview.SEEDS);
    assertThat(ids(review.current("s01e01").result())).contains("bea");
  }

  @Test
  void shouldMergeAndSplitAndKeepThemInARerun() throws IOException {
    // When Bea is merged into Ann
    EpisodeReview.Outcome merged = review.merge("s01e01", "unknown_01", "ann", "test");
    // Then Ann holds tracks 1, 2 and 3 (they share frames: the reviewer's word wins), also in a rerun
    assertThat(merged.rescored().result().identity("ann").orElseThrow().trackIds()).containsExactly(1, 2, 3);
    assertThat(run(episode("s01e01")).identity("ann").orElseThrow().trackIds()).containsExactly(1, 2, 3);
    // When track 3 is split off
    EpisodeReview.Outcome split = review.split("s01e01", "ann", 3, "test");
    assertThat(split.rescored().result().identity("ann").orElseThrow().trackIds()).containsExactly(1, 2);
    assertThat(split.rescored().result().identities()).anySatisfy(i -> assertThat(i.trackIds()).containsExactly(3));
    // and two undos bring the episode back
    review.undo("s01e01");
    review.undo("s01e01");
    assertThat(review.current("s01e01").result().identity("ann").orElseThrow().trackIds()).containsExactly(1, 3);
  }

  @Test
  void shouldRenameANamedIdentity() throws IOException {
    // When Ann's identity is named Anne
    EpisodeReview.Outcome o = review.name("s01e01", "ann", "Anne", Optional.empty(), "test");
    // Then its tracks carry the new name, with the new seeds as evidence
    Identity anne = o.rescored().result().identity("anne").orElseThrow();
    assertThat(anne.trackIds()).containsExactly(1, 3);
    assertThat(anne.bestMatch().name()).isEqualTo("Anne");
    assertThat(o.rescored().result().identity("ann")).isEmpty();
  }

  @Test
  void shouldRefuseToTeachAFacebankOtherThanTheOneTheEpisodeIsNamedFrom() throws IOException {
    // Given the episode named from the store facebank "show" (Ann named)
    // When a decision names the unknown into another facebank
    assertThatThrownBy(() -> review.name("s01e01", "unknown_01", "Bea", Optional.of("other"), "test"))
        // Then it is refused with one line naming both, and nothing changed
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("episode s01e01 is named from facebank show, not other: leave out --facebank to teach show, or "
            + "move the episode first with: screenalytics rescore s01e01 --facebank other");
    assertThat(new FacebankLibrary(store).find("other")).isEmpty();
    assertThat(review.log("s01e01").decisions()).isEmpty();
    assertThat(review.name("s01e01", "unknown_01", "Bea", Optional.of(BANK), "test").rescored().result()
        .identity("ann")).isPresent();
  }

  @Test
  void shouldCarryTheEpisodesOwnNamesOverWhenItIsFirstTaughtAStoreFacebank() throws IOException {
    // Given an episode named from its own copy of a facebank (run with a facebank file: no store facebank in its log)
    SyntheticEpisode ep = episode("s01e02");
    Facebank own = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), own,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    EpisodeOutput.write(store, result, own);
    assertThat(result.identity("ann")).isPresent();
    // When an unknown is named into a new store facebank
    EpisodeReview.Outcome o = review.name("s01e02", "unknown_01", "Bea", Optional.of("fresh"), "test");
    // Then Ann keeps her name and tracks (carried over into the store facebank), and Bea is named
    assertThat(o.rescored().result().identity("ann").orElseThrow().trackIds()).containsExactly(1, 3);
    assertThat(o.rescored().result().identity("bea")).isPresent();
    Facebank fresh = new FacebankLibrary(store).find("fresh").orElseThrow();
    assertThat(fresh.names()).containsExactlyInAnyOrder("Ann", "Bea");
    assertThat(fresh.seeds("Ann")).extracting(FacebankSeed::sourcePhoto).containsExactly("ann.jpg");
  }

  @Test
  void shouldHoldWhatNewEvidenceWouldMoveOutsideTheDecisionAndKeepItHeldInEveryRescore() throws IOException {
    // Given the episode (Ann named from her photo on tracks 1 and 3; Bea on 2 and Cal on 4 unknown), and new evidence
    // that would take track 4 to the name just given and also move Ann's track 3 to Cal: a facebank where Cal's seed
    // sits on track 3's person and Bea's on track 2 and 4's
    SyntheticEpisode ep = episode("s01e01");
    AssemblyResult before = review.current("s01e01").result();
    Facebank moved = Facebank.builder()
        .add("Cal", new FacebankSeed(ep.noisy(ep.person("ann"), 0.3), "cal.jpg", "fr_feature"))
        .add("Bea", new FacebankSeed(ep.noisy(ep.person("bea"), 0.3), "bea.jpg", "fr_feature"))
        .add("Bea", new FacebankSeed(ep.noisy(ep.person("cal"), 0.3), "cal_as_bea.jpg", "fr_feature")).build();
    AssemblyResult trial = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), moved,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS);
    Identity bea = before.identities().stream().filter(i -> i.trackIds().equals(List.of(2))).findFirst()
        .orElseThrow();
    Decision naming = new Decision(1, Decision.Kind.NAME, "2026-12-07T19:00:00Z", "test", bea.id(), List.of(2), "Bea",
        null, null, null, BANK, null, null);

    // When the decision's trial is compared with the episode before it
    List<Decision.Held> held = DecisionLocality.held(before, trial, naming);

    // Then the unknown track 4 may join Bea (the person named), but Ann's tracks 1 and 3 are held as Ann, with where
    // the evidence would take them as the suggestion
    assertThat(held).singleElement().satisfies(h -> {
      assertThat(h.trackIds()).containsExactly(1, 3);
      assertThat(h.person()).isEqualTo("Ann");
      assertThat(h.suggested()).isEqualTo("Cal");
      assertThat(h.similarity()).isNotNull().isGreaterThan(0.28);
      assertThat(h.describe()).startsWith("tracks 1, 3 (Ann) would become Cal (cosine 0.");
    });

    // And a log whose decision holds them keeps them Ann in a rescore against the facebank that would move them
    new FacebankLibrary(store).save(BANK, moved);
    DecisionLog.load(store, "s01e01").with(naming.withHeld(held)).save(store);
    AssemblyResult after = review.current("s01e01").result();
    assertThat(after.identity("ann").orElseThrow().trackIds()).containsExactly(1, 3);
    assertThat(after.identity("bea").orElseThrow().trackIds()).containsExactly(2, 4);
    assertThat(after.identities()).noneMatch(i -> "Cal".equals(i.name()));
  }

  @Test
  void shouldRefuseDecisionsThatDoNotApply() {
    assertThatThrownBy(() -> review.name("s01e01", "unknown_09", "X", Optional.empty(), "test"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no identity unknown_09")
        .hasMessageContaining("ann, unknown_01, unknown_02");
    assertThatThrownBy(() -> review.split("s01e01", "unknown_01", 2, "test"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only track 2");
    assertThatThrownBy(() -> review.merge("s01e01", "ann", "ann", "test"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> review.undo("s01e01")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no decision");
  }
}
