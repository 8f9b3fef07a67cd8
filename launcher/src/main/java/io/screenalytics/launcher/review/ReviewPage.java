package io.screenalytics.launcher.review;

import static io.screenalytics.output.report.Html.escape;

import io.screenalytics.identities.AssemblyResult;
import io.screenalytics.identities.Identity;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.output.report.ReviewActions;
import io.screenalytics.output.review.Decision;
import io.screenalytics.output.review.DecisionLog;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The review application's HTML: the actions added to an episode's report page ({@link ReviewActions}: the outcome
 * of the last action, the facebank's people for name completion, undo; per card name, merge into, split a track
 * off, "not this person"), the list of episodes, and message pages. Every form posts to
 * {@code /episodes/<id>/<action>} ({@link ReviewServer}) with the server's token ({@link PostGuard}). Immutable.
 */
final class ReviewPage implements ReviewActions {

  /** A row of the episodes page: its id, decisions, facebank and screen-time rows. */
  record EpisodeSummary(String episodeId, int decisions, String facebank, List<ScreenTime> rows) {}

  private static final String CSS = "<style>.review{margin:.5rem 0;padding:.5rem;background:#f4f6fa;"
      + "border-radius:4px}.review form{display:inline-block;margin:.15rem .4rem .15rem 0}"
      + ".actions form{display:block;margin:.25rem 0}.actions input[name=person]{width:10rem}"
      + "p.done{color:#1a6b2a}p.error{color:#b00020}</style>\n";

  private final String episodeId;
  private final String token;
  private final AssemblyResult result;
  private final DecisionLog log;
  private final List<String> people;
  private final String done;
  private final String error;

  /**
   * @param token  the server's form token ({@link PostGuard#token()}), embedded in every form
   * @param people the facebank's people, offered as completions
   * @param done   what the last action did, or null
   * @param error  why the last action was refused, or null
   */
  ReviewPage(String episodeId, String token, AssemblyResult result, DecisionLog log, List<String> people,
      String done, String error) {
    this.episodeId = episodeId;
    this.token = token;
    this.result = result;
    this.log = log;
    this.people = List.copyOf(people);
    this.done = done;
    this.error = error;
  }

  @Override
  public String afterHeader() {
    StringBuilder h = new StringBuilder(CSS);
    h.append("<nav class=\"review\" id=\"review-bar\"><a href=\"/\">all episodes</a> · facebank <b id=\"facebank\">")
        .append(escape(log.facebank() == null ? "(the episode's own copy; a decision teaches \"default\")"
            : log.facebank()))
        .append("</b> (").append(people.size()).append(" people) · <span id=\"decision-count\">")
        .append(log.decisions().size()).append("</span> decisions ");
    if (!log.decisions().isEmpty()) {
      h.append(form("undo", "") + "<button type=\"submit\" id=\"undo\">Undo: ")
          .append(escape(log.decisions().get(log.decisions().size() - 1).describe())).append("</button></form>");
    }
    h.append("</nav>\n");
    if (done != null) {
      h.append("<p class=\"done\" id=\"done\">Done: ").append(escape(done)).append("</p>\n");
    }
    if (error != null) {
      h.append("<p class=\"error\" id=\"error\">Refused: ").append(escape(error)).append("</p>\n");
    }
    h.append(suggestions());
    h.append("<datalist id=\"people\">");
    people.forEach(p -> h.append("<option value=\"").append(escape(p)).append("\">"));
    h.append("</datalist>\n");
    return h.toString();
  }

  @Override
  public String card(Identity identity) {
    String id = escape(identity.id());
    StringBuilder h = new StringBuilder("<div class=\"actions review\">");
    h.append(form("name", identity.id()))
        .append("<input name=\"person\" list=\"people\" required placeholder=\"Full name\" aria-label=\"name ")
        .append(id).append("\"> <button type=\"submit\" class=\"name\">").append(identity.isKnown() ? "Rename"
            : "Name").append("</button></form>");
    List<Identity> others = result.identities().stream().filter(i -> !i.id().equals(identity.id())).toList();
    if (!others.isEmpty()) {
      h.append(form("merge", identity.id())).append("<select name=\"into\" aria-label=\"merge ").append(id)
          .append(" into\">");
      others.forEach(o -> h.append("<option value=\"").append(escape(o.id())).append("\">")
          .append(escape(o.isKnown() ? o.name() + " (" + o.id() + ")" : o.id())).append("</option>"));
      h.append("</select> <button type=\"submit\" class=\"merge\">Merge into</button></form>");
    }
    if (identity.trackIds().size() > 1) {
      h.append(form("split", identity.id())).append("<select name=\"track\" aria-label=\"track of ").append(id)
          .append("\">");
      identity.trackIds().forEach(t -> h.append("<option value=\"").append(t).append("\">track ").append(t)
          .append("</option>"));
      h.append("</select> <button type=\"submit\" class=\"split\">Split track off</button></form>");
    }
    if (identity.isKnown()) {
      h.append(form("reject", identity.id())).append("<input type=\"hidden\" name=\"person\" value=\"")
          .append(escape(identity.name())).append("\"><button type=\"submit\" class=\"reject\">Not ")
          .append(escape(identity.name())).append("</button></form>");
    }
    return h.append("</div>\n").toString();
  }

  /**
   * The suggestions the episode's decisions hold and that still stand (issue 29: decisions are local): each held
   * move whose tracks still carry the name they were held at, with a button that confirms it (a name, or a "not this
   * person" for a move to unknown) when the tracks are one identity, else the split it needs first.
   */
  private String suggestions() {
    Map<Integer, Identity> byTrack = new HashMap<>();
    result.identities().forEach(i -> i.trackIds().forEach(t -> byTrack.put(t, i)));
    StringBuilder h = new StringBuilder();
    for (Decision d : log.decisions()) {
      for (Decision.Held held : d.held()) {
        Identity holding = byTrack.get(held.trackIds().get(0));
        if (holding == null || !Objects.equals(holding.name(), held.person())) {
          continue;
        }
        h.append("<li class=\"suggestion\">").append(escape(held.describe())).append(" (decision #").append(d.seq())
            .append(") ");
        if (!holding.trackIds().equals(held.trackIds())) {
          h.append("split them off ").append(escape(holding.id())).append(" to confirm it");
        } else if (held.suggested() == null) {
          h.append(form("reject", holding.id())).append("<input type=\"hidden\" name=\"person\" value=\"")
              .append(escape(held.person())).append("\"><button type=\"submit\" class=\"confirm\">Confirm: not ")
              .append(escape(held.person())).append("</button></form>");
        } else {
          h.append(form("name", holding.id())).append("<input type=\"hidden\" name=\"person\" value=\"")
              .append(escape(held.suggested())).append("\"><button type=\"submit\" class=\"confirm\">Confirm: ")
              .append(escape(held.suggested())).append("</button></form>");
        }
        h.append("</li>");
      }
    }
    return h.isEmpty() ? "" : "<div class=\"review\" id=\"suggestions\"><b>Suggestions</b> (held by a decision: "
        + "confirm to apply)<ul>" + h + "</ul></div>\n";
  }

  private String form(String action, String identityId) {
    return "<form method=\"post\" action=\"/episodes/" + escape(URLEncoder.encode(episodeId, StandardCharsets.UTF_8))
        + "/" + action + "\" class=\"" + action + "\"><input type=\"hidden\" name=\"" + PostGuard.FIELD
        + "\" value=\"" + escape(token) + "\">"
        + (identityId.isEmpty() ? "" : "<input type=\"hidden\" name=\"identity\" value=\"" + escape(identityId)
            + "\">");
  }

  /** The episodes page. */
  static byte[] episodes(List<EpisodeSummary> episodes) {
    StringBuilder h = new StringBuilder(head("screenalytics review"));
    h.append("<h1>Episodes</h1>\n");
    if (episodes.isEmpty()) {
      h.append("<p>No episode in the store yet: <code>screenalytics run --video ...</code> makes one.</p>\n");
    }
    h.append("<table id=\"episodes\"><thead><tr><th>episode</th><th>identities</th><th>named</th><th>facebank</th>"
        + "<th>decisions</th></tr></thead><tbody>\n");
    for (EpisodeSummary e : episodes) {
      long named = e.rows().stream().filter(r -> r.name() != null).count();
      h.append(String.format(Locale.ROOT, "<tr><td><a href=\"/episodes/%s\">%s</a></td><td>%d</td><td>%d</td>"
              + "<td>%s</td><td>%d</td></tr>\n", escape(URLEncoder.encode(e.episodeId(), StandardCharsets.UTF_8)),
          escape(e.episodeId()), e.rows().size(), named, escape(e.facebank() == null ? "-" : e.facebank()),
          e.decisions()));
    }
    return h.append("</tbody></table>\n</body></html>\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A page with a title and one line. */
  static byte[] message(String title, String line) {
    return (head(title) + "<h1>" + escape(title) + "</h1>\n<p>" + escape(line)
        + "</p>\n<p><a href=\"/\">all episodes</a></p>\n</body></html>\n").getBytes(StandardCharsets.UTF_8);
  }

  private static String head(String title) {
    return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + escape(title)
        + "</title>\n<style>body{font:15px system-ui,sans-serif;margin:2rem}td,th{padding:.2rem .8rem;"
        + "text-align:left}</style>\n</head>\n<body>\n";
  }
}
