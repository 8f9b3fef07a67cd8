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
import io.screenalytics.output.EpisodeReview;
import io.screenalytics.output.review.Decision;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.ArtifactStores;
import io.screenalytics.store.StoreLayout;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The review application refuses posts that do not come from its own pages (cross-site request forgery): a foreign
 * Origin or Referer, a missing or wrong form token, a foreign Host name; it accepts the forms it serves, with the
 * same Origin as a browser sends, or with neither header. A refusal is 403 with one line and changes nothing. And the
 * page shows the suggestions a decision held (issue 29), each confirmed by its own form.
 */
class ReviewServerPostTest {

  private static final String EPISODE = "s02e01";
  private static final Pattern TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

  @TempDir
  Path root;

  private ArtifactStore store;
  private ReviewServer server;
  private HttpClient http;
  private Path decisions;

  @BeforeEach
  void episode() throws Exception {
    SyntheticEpisode ep = new SyntheticEpisode(EPISODE, 30, 6, 60, 7)
        .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 50, 10);
    Facebank cast = Facebank.builder()
        .add("Ann", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    store = ArtifactStores.open(Map.of("store.root", root.toString()));
    new FacebankLibrary(store).save("show", cast);
    DecisionLog log = DecisionLog.forRun(store, EPISODE, StoreLayout.facebank("show"));
    AssemblyResult result = new EpisodeAssembler().assemble(ep.info(), ep.faces(), ep.tracks(), cast,
        AssemblyConfig.defaults(), SyntheticEpisode.MODELS, log.edits());
    EpisodeOutput.write(store, result, cast);
    server = ReviewServer.start(store, "127.0.0.1", 0);
    http = HttpClient.newHttpClient();
    decisions = root.resolve("episodes").resolve(EPISODE).resolve(DecisionLog.FILE);
  }

  @AfterEach
  void close() throws Exception {
    server.close();
    store.close();
  }

  @Test
  void shouldRefuseAFormPostedByAForeignPageAndChangeNothing() throws Exception {
    // Given the token of the episode's page (as if a foreign page could have it) and the decision log as it is
    String token = token();
    byte[] before = Files.readAllBytes(decisions);

    // When a foreign page posts a name with its own Origin, or only its Referer
    HttpResponse<String> byOrigin = post("identity=unknown_01&person=Eve&csrf=" + token,
        "Origin", "http://evil.example");
    HttpResponse<String> byReferer = post("identity=unknown_01&person=Eve&csrf=" + token,
        "Referer", "http://evil.example/page.html");

    // Then both are refused with one line, and the log is byte for byte what it was
    assertThat(byOrigin.statusCode()).isEqualTo(403);
    assertThat(byOrigin.body()).isEqualTo("refused: cross-origin post from http://evil.example\n");
    assertThat(byReferer.statusCode()).isEqualTo(403);
    assertThat(byReferer.body().lines().toList()).singleElement().asString().startsWith("refused: cross-origin");
    assertThat(Files.readAllBytes(decisions)).isEqualTo(before);
    assertThat(DecisionLog.load(store, EPISODE).decisions()).isEmpty();
  }

  @Test
  void shouldRefuseAPostWithoutTheTokenOfThePagesEvenFromTheSameOrigin() throws Exception {
    byte[] before = Files.readAllBytes(decisions);

    HttpResponse<String> none = post("identity=unknown_01&person=Eve", "Origin", origin());
    HttpResponse<String> wrong = post("identity=unknown_01&person=Eve&csrf=guessed", "Origin", origin());

    assertThat(none.statusCode()).isEqualTo(403);
    assertThat(wrong.statusCode()).isEqualTo(403);
    assertThat(wrong.body()).startsWith("refused: the form's token is missing or stale");
    assertThat(Files.readAllBytes(decisions)).isEqualTo(before);
  }

  @Test
  void shouldRefuseAHostNameThatIsNotTheLoopbacksAgainstDnsRebinding() throws Exception {
    // Given a page of evil.example whose name was rebound to 127.0.0.1: its requests name its own host
    try (Socket socket = new Socket("127.0.0.1", server.uri().getPort())) {
      socket.getOutputStream().write(("GET /episodes/" + EPISODE + " HTTP/1.1\r\nHost: evil.example:"
          + server.uri().getPort() + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      // Then it is refused: it can neither read a page (and its token) nor post
      assertThat(response).startsWith("HTTP/1.1 403").contains("refused: host evil.example:")
          .doesNotContain("csrf");
    }
  }

  @Test
  void shouldAcceptTheFormsItServesFromTheSameOriginOrWithNeitherHeader() throws Exception {
    // Given the token the episode's page embeds in its forms
    String token = token();

    // When the page's form is posted as a browser posts it (its Origin), and again by a client that sends neither
    // Origin nor Referer (judged by the token, as OWASP allows where the token is the primary defence)
    HttpResponse<String> named = post("identity=unknown_01&person=Bea+Ortiz&csrf=" + token, "Origin", origin());
    var namedLog = DecisionLog.load(store, EPISODE).decisions();
    HttpResponse<String> undone = post("csrf=" + token, null, null, "undo");

    // Then both are done: 303 to the episode's page saying so, and the log held the decision, then not
    assertThat(named.statusCode()).isEqualTo(303);
    assertThat(named.headers().firstValue("Location")).get().asString().contains("done=");
    assertThat(namedLog).hasSize(1);
    assertThat(undone.statusCode()).isEqualTo(303);
    assertThat(undone.headers().firstValue("Location")).get().asString().contains("done=undone");
    assertThat(DecisionLog.load(store, EPISODE).decisions()).isEmpty();
  }

  @Test
  void shouldShowTheSuggestionsADecisionHeldAndConfirmOneThroughItsForm() throws Exception {
    // Given a decision that named track 2 Bea and held Ann's tracks 1 and 3, which the facebank now puts nearer Cal
    SyntheticEpisode ep = new SyntheticEpisode(EPISODE, 30, 6, 60, 7)
        .track(1, "ann", 0, 20).track(2, "bea", 0, 10).track(3, "ann", 50, 10);
    new FacebankLibrary(store).save("show", Facebank.builder()
        .add("Cal", new FacebankSeed(ep.noisy(ep.person("ann"), 0.3), "cal.jpg", "fr_feature"))
        .add("Bea", new FacebankSeed(ep.noisy(ep.person("bea"), 0.3), "bea.jpg", "fr_feature")).build());
    Decision named = new Decision(1, Decision.Kind.NAME, "2026-12-07T19:00:00Z", "test", "unknown_01", List.of(2),
        "Bea", null, null, null, "show", null, List.of(new Decision.Held(List.of(1, 3), "Ann", "Cal", 0.52)));
    DecisionLog.load(store, EPISODE).with(named).save(store);

    // When the page is read
    String page = page();

    // Then it lists the suggestion with a form confirming it
    assertThat(page).contains("id=\"suggestions\"").contains("tracks 1, 3 (Ann) would become Cal (cosine 0.52): held")
        .containsPattern("<input type=\"hidden\" name=\"identity\" value=\"ann\"><input type=\"hidden\" "
            + "name=\"person\" value=\"Cal\"><button type=\"submit\" class=\"confirm\">Confirm: Cal</button>");

    // And confirming it names the tracks Cal, after which the suggestion is gone
    HttpResponse<String> confirmed = post("identity=ann&person=Cal&csrf=" + token(), "Origin", origin());
    assertThat(confirmed.statusCode()).isEqualTo(303);
    assertThat(DecisionLog.load(store, EPISODE).decisions()).hasSize(2);
    assertThat(page()).doesNotContain("id=\"suggestions\"");
    assertThat(new EpisodeReview(store).current(EPISODE).result().identity("cal").orElseThrow().trackIds())
        .containsExactly(1, 3);
  }

  private String page() throws Exception {
    return http.send(HttpRequest.newBuilder(server.uri().resolve("/episodes/" + EPISODE)).GET().build(),
        HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
  }

  private String origin() {
    return "http://127.0.0.1:" + server.uri().getPort();
  }

  private String token() throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(server.uri().resolve("/episodes/" + EPISODE))
        .GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher m = TOKEN.matcher(page.body());
    assertThat(m.find()).as("a form with the token").isTrue();
    return m.group(1);
  }

  private HttpResponse<String> post(String body, String header, String value) throws Exception {
    return post(body, header, value, "name");
  }

  private HttpResponse<String> post(String body, String header, String value, String action) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(server.uri().resolve("/episodes/" + EPISODE + "/" + action))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (header != null) {
      b.header(header, value);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }
}
