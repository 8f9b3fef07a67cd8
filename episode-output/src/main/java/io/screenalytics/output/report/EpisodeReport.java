package io.screenalytics.output.report;

import static io.screenalytics.output.report.Html.escape;
import static io.screenalytics.output.report.Html.fmt;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.EpisodeAssembler;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.episode.EpisodeIndex;
import io.screenalytics.identities.episode.EpisodeInfo;
import io.screenalytics.identities.episode.FaceRecord;
import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.identities.episode.TrackRecord;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.identity.FaceScore;
import io.screenalytics.identities.identity.ThumbnailSelector;
import io.screenalytics.identities.naming.NamingDecision;
import io.screenalytics.identities.naming.QualityBand;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.identities.screentime.Timeline;
import io.screenalytics.output.manifest.EpisodeLayout;
import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Renders an episode's {@code report.html}: a summary, the screen-time bar chart with its table, the
 * timeline of who is on screen when (scene cuts marked), a card per cast member with thumbnails, and
 * the unknown clusters for review with their closest cast member.
 *
 * <p>Self-contained: thumbnails are inlined as {@code data:image/jpeg;base64} URIs, styles are inline,
 * there is no script and no external resource, so the file opens anywhere (local disk, an S3 object, an
 * e-mail attachment). Deterministic: the same result gives the same bytes. Written after
 * {@code manifest.json} and not listed in it: it is a view of the listed files. Stateless; thread-safe.
 */
public final class EpisodeReport {

  /**
   * Tableau 10 (Tableau Software, the default categorical palette since Tableau 10, 2016): ten hues
   * that stay distinguishable side by side; cycled when there are more identities.
   */
  private static final String[] PALETTE = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f",
      "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};
  private static final String UNASSIGNED_COLOUR = "#c8c8c8";
  /**
   * Median face quality below which a card is flagged for review: 0.1 is, for example, a detector score of
   * 0.8 on a crop with a Laplacian variance of 14 (sharpness 0.12 at the default reference 100). A display
   * hint only; nothing is dropped.
   */
  private static final double LOW_QUALITY = 0.1;

  /**
   * Renders the report page.
   *
   * @param result   the assembled episode
   * @param facebank the cast it was matched against ({@link Facebank#empty()} for none)
   * @return UTF-8 HTML
   */
  public byte[] render(AssemblyResult result, Facebank facebank) {
    return render(result, facebank, List.of(), ReviewActions.NONE);
  }

  /**
   * Renders the report page with the reviewer's decisions listed (a section {@code #decisions}) and, for the review
   * web application, its actions.
   *
   * @param decisions the episode's decisions, one line each, oldest first (none: no section)
   * @param actions   what the review application adds ({@link ReviewActions#NONE} for the static report)
   * @return UTF-8 HTML
   */
  public byte[] render(AssemblyResult result, Facebank facebank, List<String> decisions, ReviewActions actions) {
    EpisodeInfo episode = result.episode();
    List<ReportRow> rows = rows(result);
    List<ReportRow> named = rows.stream().filter(ReportRow::named).toList();
    List<ReportRow> unknown = rows.stream().filter(r -> r.identity() != null && !r.named()).toList();
    Map<Integer, TrackRecord> tracks = result.tracks().stream()
        .collect(Collectors.toMap(TrackRecord::trackId, Function.identity(), (a, b) -> a, TreeMap::new));
    double minMatch = result.config().matching().minSimilarity();

    StringBuilder h = new StringBuilder(64 * 1024);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>").append(escape(episode.episodeId())).append(" · screenalytics report</title>\n")
        .append("<style>\n").append(ReportStyle.CSS).append("</style>\n</head>\n<body>\n");
    header(h, result, facebank, named.size(), unknown.size());
    h.append(actions.afterHeader());

    h.append("<section id=\"screen-time\">\n<h2>Screen time</h2>\n")
        .append(ReportCharts.screenTimeBars(rows, episode.durationS()));
    table(h, rows);
    h.append("</section>\n");

    List<ReportRow> timelineRows = new ArrayList<>(rows);
    timelineRows.addAll(ReportSpeech.speakerRows(result, UNASSIGNED_COLOUR));
    h.append("<section id=\"timeline\">\n<h2>Who is on screen when</h2>\n<p class=\"note\">")
        .append(fmt("One row per identity; each bar is a run of sampled frames with the face detected "
            + "(%.3f s per sampled frame). Dashed lines: %d scene cut%s.", episode.secondsPerSampledFrame(),
            episode.sceneCutTs().size(), episode.sceneCutTs().size() == 1 ? "" : "s"))
        .append(ReportSpeech.note(result))
        .append("</p>\n").append(ReportCharts.timeline(timelineRows, episode.durationS(), episode.sceneCutTs()))
        .append("</section>\n");

    h.append("<section id=\"cast\">\n<h2>Cast found (").append(named.size()).append(")</h2>\n");
    if (named.isEmpty()) {
      h.append("<p class=\"note\">No identity matched the facebank at cosine similarity &ge; ")
          .append(fmt("%.2f (%.2f for low-quality faces; each card says why)",
              minMatch, QualityBand.LOW.threshold(minMatch))).append(".</p>\n");
    }
    h.append("<div class=\"cards\">\n");
    named.forEach(r -> card(h, r, tracks, minMatch, null, ReportSpeech.cardLine(result, r.id()), facebank, actions));
    h.append("</div>\n");
    List<String> notSeen = facebank.names().stream()
        .filter(n -> named.stream().noneMatch(r -> n.equals(r.identity().name()))).toList();
    if (!notSeen.isEmpty()) {
      h.append("<p class=\"note\" id=\"cast-not-seen\">In the facebank but not found: ")
          .append(escape(String.join(", ", notSeen))).append(".</p>\n");
    }
    h.append("</section>\n");

    h.append("<section id=\"review\">\n<h2>Unknown clusters for review (").append(unknown.size())
        .append(")</h2>\n<p class=\"note\">Groups of tracks that matched no cast member. To name one: "
            + "<code>screenalytics name ").append(escape(episode.episodeId()))
        .append(" &lt;identity&gt; --as &quot;Full Name&quot;</code> (its faces teach the facebank), or "
            + "<code>screenalytics review</code> in a browser.</p>\n")
        .append("<div class=\"cards\">\n");
    unknown.forEach(r -> card(h, r, tracks, minMatch, null, ReportSpeech.cardLine(result, r.id()), facebank, actions));
    rows.stream().filter(r -> r.identity() == null).forEach(r -> card(h, r, tracks, minMatch,
        "no face of these tracks was embedded, so they join no identity (" + skipReasons(r, result) + ")", null,
        facebank, actions));
    h.append("</div>\n</section>\n");
    if (!decisions.isEmpty()) {
      h.append("<section id=\"decisions\">\n<h2>Review decisions (").append(decisions.size())
          .append(")</h2>\n<p class=\"note\">Applied to this episode's identities, oldest first.</p>\n<ol>\n");
      decisions.forEach(d -> h.append("<li>").append(escape(d)).append("</li>\n"));
      h.append("</ol>\n</section>\n");
    }
    footer(h, result);
    h.append("</body>\n</html>\n");
    return h.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Renders the report and puts it at {@code episodes/<id>/report.html}.
   *
   * @return the key written
   * @throws IOException when the store fails
   */
  public String write(ArtifactStore store, AssemblyResult result, Facebank facebank) throws IOException {
    return write(store, result, facebank, List.of());
  }

  /**
   * Renders the report with the episode's review decisions (one line each, oldest first) and puts it at
   * {@code episodes/<id>/report.html}.
   *
   * @return the key written
   * @throws IOException when the store fails
   */
  public String write(ArtifactStore store, AssemblyResult result, Facebank facebank, List<String> decisions)
      throws IOException {
    String key = new EpisodeLayout(result.episode().episodeId()).key(EpisodeLayout.REPORT);
    store.put(key, render(result, facebank, decisions, ReviewActions.NONE));
    return key;
  }

  /** One row per identity in the result's order, then the unassigned tracks if any were seen. */
  static List<ReportRow> rows(AssemblyResult result) {
    EpisodeIndex index = EpisodeIndex.of(result.faces(), result.tracks());
    EpisodeInfo e = result.episode();
    double blurReference = result.config().clustering().blurReference();
    List<ReportRow> rows = new ArrayList<>();
    for (int i = 0; i < result.identities().size(); i++) {
      Identity identity = result.identities().get(i);
      rows.add(new ReportRow(identity.id(), identity.isKnown() ? identity.name() : identity.id(), identity,
          PALETTE[i % PALETTE.length], result.screenTime().get(i), segments(index, e, identity.trackIds()),
          medianQuality(index, identity.trackIds(), blurReference), identity.trackIds(), identity.thumbnails(),
          ReportSpeech.turns(result, identity.id())));
    }
    if (result.unassigned().frames() > 0) {
      List<Integer> tracks = result.unassignedTrackIds();
      List<FaceRecord> faces = tracks.stream().flatMap(t -> index.facesOf(t).stream()).toList();
      rows.add(new ReportRow(EpisodeAssembler.UNASSIGNED_ID, "unassigned", null, UNASSIGNED_COLOUR,
          result.unassigned(), segments(index, e, tracks), medianQuality(index, tracks, blurReference), tracks,
          new ThumbnailSelector(result.config().thumbnails().perIdentity(), blurReference).select(faces),
          List.of()));
    }
    return rows;
  }

  /** {@code reason x count, ...} of the faces of {@code row}'s tracks that were not embedded. */
  private static String skipReasons(ReportRow row, AssemblyResult result) {
    Map<String, Integer> counts = new TreeMap<>();
    Set<Integer> tracks = new HashSet<>(row.trackIds());
    result.faces().stream().filter(f -> !f.hasEmbedding() && tracks.contains(f.trackId()))
        .forEach(f -> counts.merge(f.skipReason() == null ? "unknown" : f.skipReason(), 1, Integer::sum));
    return counts.entrySet().stream().map(en -> en.getKey() + " x" + en.getValue())
        .collect(Collectors.joining(", "));
  }

  private static double medianQuality(EpisodeIndex index, List<Integer> trackIds, double blurReference) {
    double[] q = trackIds.stream().flatMap(t -> index.facesOf(t).stream())
        .mapToDouble(f -> FaceScore.score(f, blurReference)).sorted().toArray();
    return q.length == 0 ? 0 : q.length % 2 == 1 ? q[q.length / 2] : (q[q.length / 2 - 1] + q[q.length / 2]) / 2;
  }

  private static List<Timeline.Segment> segments(EpisodeIndex index, EpisodeInfo e, List<Integer> trackIds) {
    TreeSet<Long> frames = new TreeSet<>();
    trackIds.forEach(t -> Arrays.stream(index.framesOf(t)).forEach(frames::add));
    List<Timeline.Frame> list = frames.stream().map(f -> new Timeline.Frame(f, index.tsOf(f))).toList();
    return Timeline.segments(list, e);
  }

  private static void header(StringBuilder h, AssemblyResult r, Facebank facebank, int named, int unknown) {
    EpisodeInfo e = r.episode();
    h.append("<header>\n<h1>").append(escape(e.episodeId())).append("</h1>\n<p class=\"summary\">")
        .append(fmt("%s · %.2f fps · stride %d · %d sampled frames · %d faces · %d tracks · "
            + "%d identities (%d cast, %d unknown) · %d scene cuts", duration(e.durationS()), e.fps(),
            e.stride(), e.framesSampled(), r.faces().size(), r.tracks().size(), r.identities().size(), named,
            unknown, e.sceneCutTs().size()))
        .append("</p>\n<dl class=\"meta\">\n");
    if (e.videoUri() != null) {
      h.append("<dt>video</dt><dd><code>").append(escape(e.videoUri())).append("</code></dd>\n");
    }
    h.append("<dt>facebank</dt><dd>").append(facebank.isEmpty() ? "none" : escape(fmt("%d people, %d seeds",
        facebank.names().size(), facebank.seedCount()))).append("</dd>\n");
    for (ModelInfo m : r.models()) {
      h.append("<dt>").append(escape(m.role())).append("</dt><dd>").append(escape(m.name())).append(" (")
          .append(escape(m.licence())).append(")</dd>\n");
    }
    h.append("<dt>settings</dt><dd>");
    r.config().asProperties().forEach((k, v) -> h.append("<code>").append(escape(k)).append('=')
        .append(escape(v)).append("</code> "));
    h.append("</dd>\n</dl>\n</header>\n");
  }

  /** {@code 9.2 s} under a minute, else {@code m:ss.s} or {@code h:mm:ss.s}. */
  static String duration(double seconds) {
    return seconds < 60 ? fmt("%.1f s", seconds) : ScreenTimeTable.clock(seconds);
  }

  private static void table(StringBuilder h, List<ReportRow> rows) {
    h.append("<table class=\"figures\">\n<thead><tr><th>identity</th><th>name</th><th>seconds</th>"
        + "<th>share</th><th>first-last</th><th>tracks</th><th>faces</th></tr></thead>\n<tbody>\n");
    for (ReportRow r : rows) {
      h.append(fmt("<tr data-identity=\"%s\"><td><span class=\"swatch\" style=\"background:%s\"></span>%s</td>"
              + "<td>%s</td><td class=\"n\">%.1f</td><td class=\"n\">%.1f%%</td><td>%s-%s</td><td class=\"n\">%d"
              + "</td><td class=\"n\">%d</td></tr>\n", escape(r.id()), r.colour(), escape(r.id()),
          r.named() ? escape(r.identity().name()) : "-", r.time().visibleSeconds(), r.time().share() * 100,
          ScreenTimeTable.clock(r.time().firstTs()), ScreenTimeTable.clock(r.time().lastTs()), r.time().tracks(),
          r.time().faces()));
    }
    h.append("</tbody>\n</table>\n");
  }

  /** A card: name, thumbnails, figures, quality, cast match or {@code note}, tracks. */
  private static void card(StringBuilder h, ReportRow r, Map<Integer, TrackRecord> tracks, double minMatch,
      String note, String speech, Facebank facebank, ReviewActions actions) {
    Identity identity = r.identity();
    h.append(fmt("<article class=\"identity%s\" data-identity=\"%s\" style=\"border-top-color:%s\">\n",
        r.named() ? " named" : identity == null ? " unassigned" : " unknown", escape(r.id()), r.colour()));
    h.append("<h3>").append(escape(r.label())).append("</h3>\n");
    if (r.named()) {
      h.append("<p class=\"id\">").append(escape(r.id())).append("</p>\n");
    }
    h.append("<div class=\"thumbs\">");
    if (r.thumbnails().isEmpty()) {
      h.append("<p class=\"note\">no thumbnail stored</p>");
    }
    for (FaceRecord f : r.thumbnails()) {
      h.append(fmt("<img src=\"data:image/jpeg;base64,%s\" width=\"112\" height=\"112\" alt=\"%s\" "
              + "title=\"%s\">", Base64.getEncoder().encodeToString(f.thumbnailJpeg()),
          escape(fmt("%s, frame %d, track %d", r.label(), f.frameIdx(), f.trackId())),
          escape(fmt("frame %d at %s, track %d", f.frameIdx(), ScreenTimeTable.clock(f.ts()), f.trackId()))));
    }
    h.append("</div>\n<p>").append(fmt("<b>%.1f s</b> on screen (%.1f%%), %s-%s, %d track%s, %d faces",
        r.time().visibleSeconds(), r.time().share() * 100, ScreenTimeTable.clock(r.time().firstTs()),
        ScreenTimeTable.clock(r.time().lastTs()), r.time().tracks(), r.time().tracks() == 1 ? "" : "s",
        r.time().faces())).append("</p>\n");
    h.append(fmt("<p class=\"quality%s\">median face quality %.2f", r.quality() < LOW_QUALITY ? " low" : "",
        r.quality())).append(r.quality() < LOW_QUALITY ? ": blurred or dark faces, often background people or "
        + "false detections" : "").append("</p>\n");
    if (identity != null && identity.bestMatch() != null) {
      var m = identity.bestMatch();
      h.append("<p class=\"match\">").append(r.named() ? "matched " : "closest cast member: ")
          .append(r.named() ? "" : escape(m.name()) + " ")
          .append(identity.naming().isEmpty() ? fmt("at cosine %.3f %s %.2f", m.similarity(),
              m.similarity() >= minMatch ? "&ge;" : "&lt;", minMatch) : fmt("at cosine %.3f", m.similarity()))
          .append(" (seed <code>").append(escape(m.sourcePhoto())).append("</code>")
          .append(provenance(facebank, m.name(), m.sourcePhoto())).append(")</p>\n");
    }
    if (identity != null) {
      for (NamingDecision d : identity.naming()) {
        h.append("<p class=\"naming\">tracks ").append(escape(d.trackIds().toString().replaceAll("[\\[\\]]", "")))
            .append(": ").append(escape((d.named() ? d.name() + " from " : "") + d.describe())).append("</p>\n");
      }
    }
    if (note != null) {
      h.append("<p class=\"match\">").append(escape(note)).append("</p>\n");
    }
    if (speech != null) {
      h.append("<p class=\"speech\">").append(escape(speech)).append("</p>\n");
    }
    h.append("<p class=\"tracks\">tracks: ");
    List<String> parts = new ArrayList<>();
    for (int t : r.trackIds()) {
      TrackRecord tr = tracks.get(t);
      parts.add(tr == null ? Integer.toString(t)
          : fmt("%d (%s-%s)", t, ScreenTimeTable.clock(tr.firstTs()), ScreenTimeTable.clock(tr.lastTs())));
    }
    h.append(escape(String.join(", ", parts))).append("</p>\n");
    if (identity != null) {
      h.append(actions.card(identity));
    }
    h.append("</article>\n");
  }

  /** {@code , learned from episode E, unknown_02, track 7, frame 120} when the seed came from a review decision. */
  private static String provenance(Facebank facebank, String person, String sourcePhoto) {
    return facebank.seeds(person).stream()
        .filter(s -> s.provenance() != null && s.sourcePhoto() != null && s.sourcePhoto().equals(sourcePhoto))
        .findFirst().map(s -> escape(fmt(", learned from episode %s, %s, track %d, frame %d (decision #%d)",
            s.provenance().episodeId(), s.provenance().identityId(), s.provenance().trackId(),
            s.provenance().frameIdx(), s.provenance().decision())))
        .map(t -> "<span class=\"provenance\">" + t + "</span>").orElse("");
  }

  private static void footer(StringBuilder h, AssemblyResult r) {
    h.append("<footer>\n<p>Files of this episode (same folder): ");
    for (String f : List.of(EpisodeLayout.MANIFEST, EpisodeLayout.IDENTITIES, EpisodeLayout.SCREEN_TIME,
        EpisodeLayout.FACES, EpisodeLayout.TRACKS, EpisodeLayout.EMBEDDINGS_INDEX)) {
      h.append("<a href=\"").append(f).append("\">").append(f).append("</a> ");
    }
    h.append("</p>\n<p>Screen time counts each sampled frame with the face detected as ")
        .append(fmt("%.3f", r.episode().secondsPerSampledFrame()))
        .append(" s; frames inside a track where the face was not detected are not counted. "
            + "Generated by screenalytics.</p>\n</footer>\n");
  }
}
