package io.screenalytics.output.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.AssemblyConfig;
import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.SyntheticEpisode;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankSeed;
import io.screenalytics.store.LocalArtifactStore;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report in a real browser: headless Chromium parses and lays out {@code report.html}; the DOM it ends up
 * with has every identity and one timeline row each, and the screenshot shows the page with its thumbnails
 * (pure green test JPEGs, found again in the pixels).
 */
class EpisodeReportChromiumIT {

  private static final Color THUMBNAIL = new Color(0, 200, 0);

  @TempDir static Path dir;

  static Path page;
  static AssemblyResult result;
  static HeadlessChromium chromium;

  @BeforeAll
  static void writeReport() throws IOException {
    SyntheticEpisode ep = new SyntheticEpisode("s03e01", 30, 6, 60, 5)
        .track(1, "ann", 0, 30).track(2, "bea", 0, 20).track(3, "cal", 100, 15).track(4, "ann", 160, 25)
        .track(5, null, 200, 4);
    byte[] jpeg = greenJpeg();
    List<FaceRecord> faces = ep.faces().stream().map(f -> f.withThumbnail(jpeg)).toList();
    Facebank cast = Facebank.builder()
        .add("Ann Åberg", new FacebankSeed(ep.noisy(ep.person("ann"), 0.5), "ann.jpg", "fr_feature")).build();
    result = new EpisodeAssembler().assemble(ep.info(), faces, ep.tracks(), cast, AssemblyConfig.defaults(),
        SyntheticEpisode.MODELS);
    LocalArtifactStore store = new LocalArtifactStore(dir.resolve("store"));
    page = store.root().resolve(new EpisodeReport().write(store, result, cast));
    chromium = HeadlessChromium.find(dir);
  }

  @Test
  void shouldParseIntoEveryIdentityAndOneTimelineRowEach() throws Exception {
    String dom = chromium.dumpDom(page);
    assertThat(result.identities()).extracting(i -> i.isKnown() ? i.name() : i.id())
        .containsExactly("Ann Åberg", "unknown_01", "unknown_02");
    // a card per identity, and one for the unassigned track
    assertThat(headings(dom)).containsExactly("Ann Åberg", "unknown_01", "unknown_02", "unassigned");
    // one row per identity and one for the unassigned track
    assertThat(EpisodeReportTest.count(dom, "class=\"timeline-row\"")).isEqualTo(4);
    assertThat(EpisodeReportTest.count(dom, "class=\"scene-cut\"")).isEqualTo(1);
    assertThat(EpisodeReportTest.count(dom, "<svg")).isEqualTo(2);
    assertThat(dom).contains("<title>Ann Åberg 0:00.0-0:06.0</title>");
  }

  @Test
  void shouldPaintAPageWithItsThumbnails() throws Exception {
    BufferedImage shot = ImageIO.read(chromium.screenshot(page, 1280, 3000).toFile());
    assertThat(shot.getWidth()).isEqualTo(1280);
    Set<Integer> colours = new HashSet<>();
    long green = 0;
    long background = 0;
    int bg = shot.getRGB(2, 2);
    for (int y = 0; y < shot.getHeight(); y++) {
      for (int x = 0; x < shot.getWidth(); x++) {
        int rgb = shot.getRGB(x, y);
        colours.add(rgb);
        Color c = new Color(rgb);
        green += Math.abs(c.getRed()) < 20 && Math.abs(c.getGreen() - 200) < 20 && c.getBlue() < 20 ? 1 : 0;
        background += rgb == bg ? 1 : 0;
      }
    }
    long pixels = (long) shot.getWidth() * shot.getHeight();
    assertThat(colours.size()).as("distinct colours").isGreaterThan(100);
    assertThat(background).as("background pixels").isLessThan(pixels * 9 / 10);
    // 9 thumbnails of the identities and 3 of the unassigned track, 96 x 96 CSS pixels each (JPEG edges blur)
    int thumbnails = result.identities().stream().mapToInt(i -> i.thumbnails().size()).sum() + 3;
    assertThat(thumbnails).isEqualTo(12);
    assertThat(green).as("green thumbnail pixels").isGreaterThan(thumbnails * 96L * 96 * 8 / 10);
  }

  /** The {@code <h3>} texts of the identity cards, in page order. */
  private static List<String> headings(String dom) {
    Matcher m = Pattern.compile("<article class=\"identity[^\"]*\"[^>]*>\\s*<h3>([^<]*)</h3>").matcher(dom);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  private static byte[] greenJpeg() throws IOException {
    BufferedImage img = new BufferedImage(112, 112, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(THUMBNAIL);
    g.fillRect(0, 0, 112, 112);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "jpg", out);
    return out.toByteArray();
  }
}
