package io.screenalytics.output.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.store.LocalArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EpisodeReportTest {

  /** A name that breaks a page that does not escape. */
  static final String TRICKY = "Ann <b>\"Åberg\" & co</b>";

  /** Two people (one in the cast), an unembedded track, a scene cut at 12.5 s. */
  static SyntheticEpisode episode() {
    return new SyntheticEpisode("s02e05", 30, 6, 60, 11)
        .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 70, 10).track(4, null, 90, 3);
  }

  static Facebank cast(SyntheticEpisode ep) {
    return Facebank.builder()
        .add(TRICKY, new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature"))
        .add("Zed", new FacebankSeed(ep.noisy(ep.person("zed"), 0.5), "zed.jpg", "fr_feature")).build();
  }

  static AssemblyResult assemble(SyntheticEpisode ep, Facebank cast) {
    return new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast, AssemblyConfig.defaults(),
        SyntheticEpisode.MODELS);
  }

  @Test
  void shouldShowEveryIdentityOnTheTimelineWithTheSceneCuts() {
    // Given
    SyntheticEpisode ep = episode();
    AssemblyResult result = assemble(ep, cast(ep));
    // When
    String html = new String(new EpisodeReport().render(result, cast(ep)), StandardCharsets.UTF_8);
    // Then one timeline row per identity plus the unassigned tracks, one line per scene cut
    assertThat(result.identities()).hasSize(2);
    assertThat(count(html, "class=\"timeline-row\"")).isEqualTo(3);
    assertThat(html).contains("data-identity=\"unassigned\"");
    assertThat(count(html, "class=\"scene-cut\"")).isEqualTo(1);
    assertThat(count(html, "class=\"bar\"")).isEqualTo(3);
    // the named identity is a cast card, the other one is up for review with its closest cast member
    String cast = section(html, "cast");
    String review = section(html, "review");
    assertThat(cast).contains("data-identity=\"" + result.identities().get(0).id() + "\"");
    assertThat(review).contains("data-identity=\"unknown_01\"").contains("closest cast member");
    // each card says what named its tracks, or why they stay unknown
    assertThat(cast).containsPattern("class=\"naming\">tracks 1, 3: Ann &lt;b&gt;.* from facebank seed ann.jpg, "
        + "cosine 0\\.\\d+ &gt;= 0\\.\\d+ \\((HIGH|MEDIUM) quality");
    assertThat(review).containsPattern("class=\"naming\">tracks 2: not named: facebank .* &lt; 0\\.\\d+");
    // the unembedded track is shown for review too, with why its faces were skipped
    assertThat(review).contains("data-identity=\"unassigned\"").contains("(too_small x3)");
    assertThat(html).contains("In the facebank but not found: Zed.");
    // every thumbnail inlined, and up to 3 faces of the unassigned track
    int thumbnails = result.identities().stream().mapToInt(i -> i.thumbnails().size()).sum();
    assertThat(count(html, "src=\"data:image/jpeg;base64,")).isEqualTo(thumbnails + 3).isGreaterThan(3);
  }

  @Test
  void shouldEscapeNamesAndReferenceNothingOutside() {
    SyntheticEpisode ep = episode();
    String html = new String(new EpisodeReport().render(assemble(ep, cast(ep)), cast(ep)), StandardCharsets.UTF_8);
    assertThat(html).doesNotContain(TRICKY).contains("Ann &lt;b&gt;&quot;Åberg&quot; &amp; co&lt;/b&gt;");
    assertThat(html.toLowerCase()).doesNotContain("<script").doesNotContain("@import").doesNotContain("url(");
    // the only absolute URLs are SVG namespace names, which are never fetched
    Matcher m = Pattern.compile("(src|href)=\"([^\"]*)\"").matcher(html);
    while (m.find()) {
      String ref = m.group(2);
      assertThat(ref.startsWith("data:image/jpeg;base64,") || ref.matches("[a-z_]+\\.[a-z0-9]+"))
          .as("inline data or a file of the episode folder: %s", ref.substring(0, Math.min(60, ref.length())))
          .isTrue();
    }
    assertThat(html.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http:")
        .doesNotContain("https:");
  }

  @Test
  void shouldRenderTheSameBytesTwiceAndWriteNextToTheManifests(@TempDir Path root) throws IOException {
    SyntheticEpisode ep = episode();
    AssemblyResult result = assemble(ep, cast(ep));
    LocalArtifactStore store = new LocalArtifactStore(root);
    String key = new EpisodeReport().write(store, result, cast(ep));
    assertThat(key).isEqualTo("episodes/s02e05/report.html");
    assertThat(store.require(key)).isEqualTo(new EpisodeReport().render(result, cast(ep)));
  }

  @Test
  void shouldSayWhenNobodyMatched() {
    SyntheticEpisode ep = episode();
    AssemblyResult result = assemble(ep, Facebank.empty());
    String html = new String(new EpisodeReport().render(result, Facebank.empty()), StandardCharsets.UTF_8);
    assertThat(result.identities()).noneMatch(Identity::isKnown);
    assertThat(section(html, "cast")).contains("No identity matched the facebank");
    assertThat(count(section(html, "review"), "<article")).isEqualTo(result.identities().size() + 1);
    assertThat(html).contains("<dt>facebank</dt><dd>none</dd>");
  }

  static int count(String text, String needle) {
    int n = 0;
    for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
      n++;
    }
    return n;
  }

  static String section(String html, String id) {
    int start = html.indexOf("<section id=\"" + id + "\">");
    assertThat(start).as("section " + id).isNotNegative();
    return html.substring(start, html.indexOf("</section>", start));
  }
}
