package io.screenalytics.launcher.review;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.output.EpisodeOutput;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.StoreLayout;
import io.screenalytics.store.testing.InProcessS3;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The review application on an S3 store (a real S3-compatible server in this JVM, s3proxy): the episodes page, an
 * episode's page, a name posted as the page's form posts it, and the page it redirects to with the new table; the
 * decision log and the learned seeds land in the bucket.
 */
class ReviewServerS3IT {

  private static final String BUCKET = "screenalytics";

  @Test
  void shouldServeAndDecideOnAnEpisodeInABucket() throws Exception {
    SyntheticEpisode ep = new SyntheticEpisode("s02e01", 30, 6, 60, 7)
        .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 50, 10);
    Facebank cast = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    try (InProcessS3 s3 = InProcessS3.start()) {
      s3.createBucket(BUCKET);
      try (ArtifactStore store = ArtifactStores.open(s3.settings(BUCKET, "review"));
           ReviewServer server = ReviewServer.start(store, "127.0.0.1", 0)) {
        // Given the episode in the bucket, run with the store facebank "show"
        new FacebankLibrary(store).save("show", cast);
        DecisionLog log = DecisionLog.forRun(store, "s02e01", StoreLayout.facebank("show"));
        AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast,
            AssemblyConfig.defaults(), SyntheticEpisode.MODELS, log.edits());
        EpisodeOutput.write(store, result, cast);
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        // When the episodes page and the episode's page are asked for
        String episodes = get(http, server.uri().resolve("/"));
        String page = get(http, server.uri().resolve("/episodes/s02e01"));
        // Then they list it, its unknown and its actions
        assertThat(episodes).contains("href=\"/episodes/s02e01\"").contains("<td>show</td>");
        assertThat(page).contains("<tr data-identity=\"unknown_01\">")
            .contains("action=\"/episodes/s02e01/name\"").contains("<option value=\"Ann\">");

        // When the unknown is named through the form, with the token the page's forms carry
        Matcher form = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(form.find()).isTrue();
        String token = form.group(1);
        HttpResponse<String> named = http.send(HttpRequest.newBuilder(server.uri().resolve("/episodes/s02e01/name"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("Origin", "http://127.0.0.1:" + server.uri().getPort())
            .POST(HttpRequest.BodyPublishers.ofString("identity=unknown_01&person=Bea+Ortiz&csrf=" + token)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        // Then the page it lands on shows the new table, and the bucket holds the log and the learned seeds
        assertThat(named.statusCode()).isEqualTo(200);
        assertThat(named.uri().getQuery()).contains("done=");
        assertThat(named.body()).contains("<tr data-identity=\"bea_ortiz\">").contains("id=\"done\"");
        assertThat(DecisionLog.load(store, "s02e01").decisions()).hasSize(1);
        assertThat(new FacebankLibrary(store).find("show").orElseThrow().seeds("Bea Ortiz")).isNotEmpty()
            .allSatisfy(s -> assertThat(s.provenance().episodeId()).isEqualTo("s02e01"));

        // and a decision that does not apply comes back as one line on the page
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(server.uri().resolve("/episodes/s02e01/split"))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString("identity=bea_ortiz&track=9&csrf=" + token)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(refused.body()).contains("id=\"error\"").contains("bea_ortiz has no track 9");
      }
    }
  }

  private static String get(HttpClient http, URI uri) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).as(uri.toString()).isEqualTo(200);
    return r.body();
  }
}
