package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.screenalytics.launcher.review.ReviewServer;
import io.screenalytics.store.LocalArtifactStore;
import java.io.File;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The review loop in a real browser: Debian's headless {@code chromium} driven through its {@code chromedriver}
 * (package {@code chromium-driver}; system properties {@code screenalytics.chromium} and
 * {@code screenalytics.chromedriver} name other binaries) by Selenium, against {@code screenalytics review} on the
 * Hamilton episode that {@code screenalytics run} made with the cast in the facebank {@code hamilton}.
 *
 * <p>Through the page: the unknown cluster of the sharpest faces is named (the screen-time table shows the name at once, the facebank
 * gains seeds with their provenance); Barack Obama's naming is rejected and stays rejected after
 * {@code screenalytics rescore}, then undone; every unknown left is named, counting the actions. Then a second
 * episode of the same clip run with the same facebank names the person with no action, the learned seed as
 * evidence. The page's screenshots after the naming are kept as {@code target/review-screenshot.png} and
 * {@code target/review-cards-screenshot.png} (the README's).
 */
class ReviewChromiumIT {

  private static final String EPISODE = "short_hamilton_clip";
  private static final String GUEST = "Unnamed Guest";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir
  Path out;

  private final ObjectMapper json = new ObjectMapper();

  @Test
  void shouldNameRejectAndUndoThroughThePageAndNameThePersonInTheNextEpisode() throws Exception {
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));
    String video = shared.resolve("media/video/short_hamilton_clip.mp4").toString();
    // Given the Hamilton episode, its cast in the facebank "hamilton"
    run("run", "--video", video, "--cast", Path.of("..", "examples", "hamilton_cast.csv").toString(),
        "--out", out.toString(), "--set", "facebank.name=hamilton");
    try (LocalArtifactStore store = new LocalArtifactStore(out);
         ReviewServer server = ReviewServer.start(store, "127.0.0.1", 0)) {
      WebDriver browser = browser();
      try {
        WebDriverWait wait = open(browser, server, EPISODE);

        // When an unknown cluster is named through its card: the one of the sharpest faces (faces too dark or blurred
        // are never named from the facebank, whatever it has learned)
        WebElement unknown = browser.findElements(By.cssSelector("article.unknown[data-identity]")).stream()
            .max(Comparator.comparingDouble(ReviewChromiumIT::quality)).orElseThrow();
        String unknownId = unknown.getAttribute("data-identity");
        String seconds = cell(browser, unknownId, 3);
        List<Integer> tracks = tracksOf(EPISODE, unknownId);
        act(browser, wait, unknown, GUEST, "button.name");
        // Then the screen-time table names it at once, with its seconds, and the facebank has learned it
        assertThat(cell(browser, "unnamed_guest", 2)).isEqualTo(GUEST);
        assertThat(cell(browser, "unnamed_guest", 3)).isEqualTo(seconds);
        assertThat(browser.findElement(By.cssSelector("article[data-identity=unnamed_guest] .match")).getText())
            .contains("learned from episode " + EPISODE + ", " + unknownId);
        JsonNode seeds = person(json.readTree(out.resolve("facebanks/hamilton.json").toFile()).get("people"), GUEST);
        assertThat(seeds).isNotEmpty().allSatisfy(s -> {
          assertThat(s.at("/provenance/episode_id").asText()).isEqualTo(EPISODE);
          assertThat(s.at("/provenance/identity_id").asText()).isEqualTo(unknownId);
          assertThat(tracks).contains(s.at("/provenance/track_id").asInt());
          assertThat(out.resolve(s.get("source_photo").asText())).isRegularFile();
        });
        Files.write(Path.of("target", "review-screenshot.png"),
            ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));
        ((ChromeDriver) browser).executeScript("document.getElementById('review').scrollIntoView()");
        Files.write(Path.of("target", "review-cards-screenshot.png"),
            ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES));

        // When Barack Obama's naming is rejected, it holds after a rescore
        act(browser, wait, browser.findElement(By.cssSelector("article[data-identity=barack_obama]")), null,
            "button.reject");
        assertThat(names(browser)).doesNotContain("Barack Obama").contains(GUEST);
        run("rescore", EPISODE, "--out", out.toString());
        assertThat(storedNames(EPISODE)).doesNotContain("Barack Obama").contains(GUEST, "Lin-Manuel Miranda");
        browser.navigate().refresh();
        assertThat(names(browser)).doesNotContain("Barack Obama");
        // and an undo brings him back
        press(browser, wait, browser.findElement(By.id("undo")));
        assertThat(names(browser)).contains("Barack Obama", GUEST);

        // When every unknown left is named through the page: how many actions it takes
        List<Double> actionSeconds = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
          Optional<WebElement> next = browser.findElements(By.cssSelector("article.unknown[data-identity]")).stream()
              .findFirst();
          if (next.isEmpty()) {
            break;
          }
          long t0 = System.nanoTime();
          act(browser, wait, next.get(), "Extra " + n, "button.name");
          actionSeconds.add((System.nanoTime() - t0) / 1e9);
        }
        assertThat(browser.findElements(By.cssSelector("article.unknown[data-identity]"))).isEmpty();
        System.out.printf(Locale.ROOT, "review: the Hamilton episode fully named after 1 + %d name actions through "
                + "the page, %s s each (click to the new table)%n", actionSeconds.size(),
            actionSeconds.stream().map(s -> String.format(Locale.ROOT, "%.2f", s)).toList());
      } finally {
        browser.quit();
      }
    }

    // When a second episode of the same clip is run with the same facebank, it names the guest with no action
    run("run", "--video", video, "--episode-id", "hamilton_again", "--out", out.toString(),
        "--set", "facebank.name=hamilton");
    assertThat(storedNames("hamilton_again")).contains(GUEST, "Lin-Manuel Miranda", "Barack Obama");
    JsonNode guest = identity("hamilton_again", "unnamed_guest");
    assertThat(guest.at("/best_match/source_photo").asText()).startsWith("facebanks/hamilton/photos/" + EPISODE + "_t");
    assertThat(json.readTree(out.resolve("episodes/hamilton_again/decisions.json").toFile()).get("decisions"))
        .isEmpty();
  }

  /**
   * A scripted review session on real film footage with the cast photos from the web (issue 29): on
   * {@code hera_pheri_14s.mp4}, the woman outside the cast is named, Raju's naming is rejected and undone, and no
   * identity named before changes at any step; then Babu Bhaiya's own low-quality track (7) is split off and his
   * identity named by the actor's name, which holds the split-off track and lists a suggestion (it would become Babu
   * Bhaiya) in the
   * CLI output and on the review page, where Chromium confirms it through its form: the decision log gains the
   * name, the track carries it and the suggestion leaves the page.
   */
  @Test
  void shouldKeepNamesThroughARealReviewSessionAndConfirmASuggestionThroughThePage() throws Exception {
    Path shared = Path.of(System.getProperty("screenalytics.shared", "../../shared"));
    String episode = "hera_pheri_14s";
    // Given the clip run with its web cast gallery into the facebank "hera_pheri"
    run("run", "--video", shared.resolve("media/real/" + episode + ".mp4").toString(), "--cast",
        Path.of("..", "examples", "hera_pheri_cast.csv").toString(), "--out", out.toString(),
        "--set", "facebank.name=hera_pheri");
    Map<Integer, String> named = new HashMap<>(trackNames(episode));
    named.values().removeIf(java.util.Objects::isNull);
    assertThat(named.values()).contains("Shyam", "Babu Bhaiya", "Raju");
    String woman = identityAt(episode, 12.4);
    List<Integer> womanTracks = tracksOf(episode, woman);

    // When the woman is named, then Raju's naming rejected, then that undone
    run("name", episode, woman, "--as", "Anuradha", "--out", out.toString());
    // Then nobody named before changed, at every step
    assertThat(trackNames(episode)).containsAllEntriesOf(named);
    Map<Integer, String> afterWoman = trackNames(episode);
    womanTracks.forEach(t -> assertThat(afterWoman).containsEntry(t, "Anuradha"));
    List<Integer> raju = tracksOf(episode, "raju");
    run("reject", episode, "raju", "--not", "Raju", "--out", out.toString());
    Map<Integer, String> afterReject = trackNames(episode);
    named.forEach((t, n) -> assertThat(afterReject.get(t)).as("track %d", t).isEqualTo(raju.contains(t) ? null : n));
    run("undo", episode, "--out", out.toString());
    assertThat(trackNames(episode)).containsAllEntriesOf(named);

    // When Babu Bhaiya's low-quality track (his last, 7) is split off and his identity named after the actor
    List<Integer> babu = tracksOf(episode, "babu_bhaiya");
    assertThat(babu).hasSizeGreaterThanOrEqualTo(2);
    int low = babu.get(babu.size() - 1);
    run("split", episode, "babu_bhaiya", "--track", Integer.toString(low), "--out", out.toString());
    String cli = runOut("name", episode, "babu_bhaiya", "--as", "Paresh Rawal", "--out", out.toString());
    // Then the move of the split-off track is held and listed as a suggestion; nobody else changed
    assertThat(cli).contains("suggestion: track " + low + " (unknown) would become Babu Bhaiya");
    Map<Integer, String> afterName = trackNames(episode);
    assertThat(afterName.get(low)).isNull();
    named.forEach((t, n) -> {
      if (!babu.contains(t)) {
        assertThat(afterName.get(t)).as("track %d", t).isEqualTo(n);
      }
    });
    try (LocalArtifactStore store = new LocalArtifactStore(out);
         ReviewServer server = ReviewServer.start(store, "127.0.0.1", 0)) {
      WebDriver browser = browser();
      try {
        WebDriverWait wait = open(browser, server, episode);
        // the page lists it with its form
        WebElement suggestion = browser.findElement(By.cssSelector("#suggestions li.suggestion"));
        assertThat(suggestion.getText()).contains("track " + low + " (unknown) would become Babu Bhaiya")
            .contains("decision #3");
        // When Chromium confirms it
        press(browser, wait, suggestion.findElement(By.cssSelector("button.confirm")));
        // Then the log holds the confirming name, the track is Babu Bhaiya's and the suggestion is gone from the page
        JsonNode decisions = json.readTree(out.resolve("episodes/" + episode + "/decisions.json").toFile())
            .get("decisions");
        JsonNode last = decisions.get(decisions.size() - 1);
        assertThat(last.get("kind").asText()).isEqualTo("name");
        assertThat(last.get("person").asText()).isEqualTo("Babu Bhaiya");
        assertThat(last.get("track_ids").toString()).isEqualTo("[" + low + "]");
        assertThat(trackNames(episode)).containsEntry(low, "Babu Bhaiya");
        assertThat(names(browser)).contains("Babu Bhaiya", "Paresh Rawal", "Shyam", "Raju");
        assertThat(browser.findElements(By.id("suggestions"))).isEmpty();
      } finally {
        browser.quit();
      }
    }
  }

  /** Track id to its identity's name (null for unknown), from the episode's {@code identities.json}. */
  private Map<Integer, String> trackNames(String episode) throws Exception {
    Map<Integer, String> out = new HashMap<>();
    for (JsonNode i : json.readTree(this.out.resolve("episodes/" + episode + "/identities.json").toFile())
        .get("identities")) {
      String name = i.hasNonNull("name") ? i.get("name").asText() : null;
      i.get("track_ids").forEach(t -> out.put(t.asInt(), name));
    }
    return out;
  }

  /** The identity of {@code screen_time.json} first seen at or after {@code seconds}. */
  private String identityAt(String episode, double seconds) throws Exception {
    for (JsonNode r : json.readTree(out.resolve("episodes/" + episode + "/screen_time.json").toFile())
        .get("identities")) {
      if (r.path("first_ts").asDouble(-1) >= seconds) {
        return r.get("identity_id").asText();
      }
    }
    throw new AssertionError(episode + " has nobody first seen after " + seconds + " s");
  }

  private String runOut(String... args) {
    StringWriter stdout = new StringWriter();
    int exit = Screenalytics.commandLine().setOut(new PrintWriter(stdout)).execute(args);
    assertThat(exit).as("%s: %s", String.join(" ", args), stdout).isZero();
    return stdout.toString();
  }

  private void run(String... args) {
    StringWriter stdout = new StringWriter();
    StringWriter stderr = new StringWriter();
    int exit = Screenalytics.commandLine().setOut(new PrintWriter(stdout)).setErr(new PrintWriter(stderr))
        .execute(args);
    assertThat(exit).as("%s: %s%s", String.join(" ", args), stdout, stderr).isZero();
  }

  /** Opens the server's episode list, follows the episode's link and waits for its page; the wait for later steps. */
  private static WebDriverWait open(WebDriver browser, ReviewServer server, String episode) {
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    browser.get(server.uri().toString());
    browser.findElement(By.linkText(episode)).click();
    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("screen-time")));
    return wait;
  }

  /** Types {@code name} into the card's name field (unless null), presses {@code button}, waits for the outcome. */
  private static void act(WebDriver browser, WebDriverWait wait, WebElement card, String name, String button) {
    if (name != null) {
      card.findElement(By.name("person")).sendKeys(name);
    }
    press(browser, wait, card.findElement(By.cssSelector(button)));
  }

  /**
   * Presses a decision's button and waits for the page that shows its outcome: another decision count and the
   * outcome line (the page is replaced meanwhile, so lookups that meet the old one are tried again).
   */
  private static void press(WebDriver browser, WebDriverWait wait, WebElement button) {
    String before = browser.findElement(By.id("decision-count")).getText();
    button.click();
    wait.ignoring(WebDriverException.class).until(d -> !d.findElement(By.id("decision-count")).getText()
        .equals(before) && !d.findElements(By.id("done")).isEmpty());
  }

  /** The median face quality a card shows. */
  private static double quality(WebElement card) {
    String text = card.findElement(By.cssSelector(".quality")).getText();
    return Double.parseDouble(text.replaceAll(".*median face quality ([0-9.]+).*", "$1"));
  }

  /** Column {@code column} (1-based) of the screen-time table's row of {@code identity}. */
  private static String cell(WebDriver browser, String identity, int column) {
    return browser.findElement(By.cssSelector("#screen-time tr[data-identity=" + identity + "] td:nth-child("
        + column + ")")).getText();
  }

  private static List<String> names(WebDriver browser) {
    return browser.findElements(By.cssSelector("#screen-time tr[data-identity] td:nth-child(2)")).stream()
        .map(WebElement::getText).toList();
  }

  private List<String> storedNames(String episode) throws Exception {
    List<String> names = new ArrayList<>();
    json.readTree(out.resolve("episodes/" + episode + "/screen_time.json").toFile()).get("identities")
        .forEach(r -> names.add(r.path("name").asText("-")));
    return names;
  }

  private JsonNode identity(String episode, String id) throws Exception {
    for (JsonNode i : json.readTree(out.resolve("episodes/" + episode + "/identities.json").toFile())
        .get("identities")) {
      if (i.get("identity_id").asText().equals(id)) {
        return i;
      }
    }
    throw new AssertionError(episode + " has no identity " + id);
  }

  private List<Integer> tracksOf(String episode, String id) throws Exception {
    List<Integer> tracks = new ArrayList<>();
    identity(episode, id).get("track_ids").forEach(t -> tracks.add(t.asInt()));
    return tracks;
  }

  private static JsonNode person(JsonNode people, String name) {
    for (JsonNode p : people) {
      if (p.get("name").asText().equals(name)) {
        return p.get("seeds");
      }
    }
    throw new AssertionError("no " + name + " in the facebank");
  }

  /** Headless Debian chromium through its chromedriver, never a downloaded one. */
  private static WebDriver browser() {
    String chromium = System.getProperty("screenalytics.chromium", onPath("chromium", "chromium-browser"));
    String driver = System.getProperty("screenalytics.chromedriver", onPath("chromedriver"));
    ChromeOptions options = new ChromeOptions().setBinary(chromium)
        .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            "--window-size=1280,1000");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(driver))
        .usingAnyFreePort().build();
    ChromeDriver browser = new ChromeDriver(service, options);
    browser.manage().window().setSize(new Dimension(1280, 1000));
    return browser;
  }

  private static String onPath(String... names) {
    for (String dir : System.getenv("PATH").split(File.pathSeparator)) {
      for (String n : names) {
        Path p = Path.of(dir, n);
        if (Files.isExecutable(p)) {
          return p.toString();
        }
      }
    }
    throw new IllegalStateException("none of " + List.of(names) + " on PATH (Debian: chromium, chromium-driver)");
  }
}
