package io.screenalytics.output.report;

import static io.screenalytics.output.report.Html.escape;
import static io.screenalytics.output.report.Html.fmt;
import static io.screenalytics.output.report.Html.num;

import io.screenalytics.identities.screentime.ScreenTimeTable;
import io.screenalytics.identities.screentime.Timeline;
import java.util.List;

/**
 * The report's two inline SVG charts, drawn in a 960-unit-wide view box that scales with the page.
 * Hovering a bar, an interval or a scene cut shows its figures (SVG {@code <title>}, no script).
 * Stateless and thread-safe.
 */
final class ReportCharts {

  private static final int WIDTH = 960;
  private static final int LABEL_WIDTH = 190;
  private static final int VALUE_WIDTH = 130;
  private static final int ROW = 26;
  private static final int BAR = 16;
  /** Height of a speech-turn bar, drawn under the row's face bars. */
  private static final int SPEAK_BAR = 4;
  private static final int AXIS = 34;

  private ReportCharts() {}

  /**
   * Horizontal bars of visible seconds, one per row, on a scale of the episode's duration (or the
   * longest bar if longer), so a bar's length reads as its share of the episode.
   */
  static String screenTimeBars(List<ReportRow> rows, double durationS) {
    double max = Math.max(durationS, rows.stream().mapToDouble(r -> r.time().visibleSeconds()).max().orElse(0));
    double plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
    int height = rows.size() * ROW + 8;
    StringBuilder svg = new StringBuilder();
    svg.append(fmt("<svg class=\"chart bars\" role=\"img\" aria-label=\"Screen time per identity\" "
        + "viewBox=\"0 0 %d %d\" width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\" "
        + "xmlns=\"http://www.w3.org/2000/svg\">\n", WIDTH, height));
    for (int i = 0; i < rows.size(); i++) {
      ReportRow r = rows.get(i);
      double y = 4 + i * ROW;
      double w = max > 0 ? plot * r.time().visibleSeconds() / max : 0;
      String value = fmt("%.1f s · %.1f%%", r.time().visibleSeconds(), r.time().share() * 100);
      svg.append(fmt("<g class=\"bar\" data-identity=\"%s\"><title>%s: %s</title>", escape(r.id()),
          escape(r.label()), value));
      svg.append(fmt("<text x=\"%d\" y=\"%s\" text-anchor=\"end\" class=\"%s\">%s</text>",
          LABEL_WIDTH - 10, num(y + BAR - 3), r.named() ? "lbl named" : "lbl", escape(r.label())));
      svg.append(fmt("<rect x=\"%d\" y=\"%s\" width=\"%s\" height=\"%d\" rx=\"3\" fill=\"%s\"/>",
          LABEL_WIDTH, num(y), num(Math.max(w, 1)), BAR, r.colour()));
      svg.append(fmt("<text x=\"%s\" y=\"%s\" class=\"val\">%s</text></g>\n",
          num(LABEL_WIDTH + w + 8), num(y + BAR - 3), value));
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * One row per report row with its intervals on screen and, under them, its speech turns (dark bars), a time
   * axis with ticks, and every scene cut as a dashed vertical line across all rows.
   */
  static String timeline(List<ReportRow> rows, double durationS, List<Double> sceneCutTs) {
    double end = Math.max(durationS, rows.stream().flatMap(r -> r.segments().stream())
        .mapToDouble(Timeline.Segment::end).max().orElse(0));
    end = end > 0 ? end : 1;
    double plot = WIDTH - LABEL_WIDTH - 20;
    double scale = plot / end;
    int height = AXIS + rows.size() * ROW + 6;
    StringBuilder svg = new StringBuilder();
    svg.append(fmt("<svg class=\"chart timeline\" role=\"img\" aria-label=\"Who is on screen when\" "
        + "viewBox=\"0 0 %d %d\" width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\" "
        + "xmlns=\"http://www.w3.org/2000/svg\">\n", WIDTH, height));
    double step = tickStep(end);
    for (double t = 0; t <= end + 1e-9; t += step) {
      double x = LABEL_WIDTH + t * scale;
      svg.append(fmt("<line class=\"tick\" x1=\"%1$s\" x2=\"%1$s\" y1=\"%2$d\" y2=\"%3$d\"/>"
          + "<text class=\"tick-lbl\" x=\"%1$s\" y=\"%4$d\" text-anchor=\"middle\">%5$s</text>\n",
          num(x), AXIS - 6, height - 4, AXIS - 12, ScreenTimeTable.clock(t).replaceAll("\\.0$", "")));
    }
    for (int i = 0; i < rows.size(); i++) {
      ReportRow r = rows.get(i);
      double y = AXIS + i * ROW;
      svg.append(fmt("<g class=\"timeline-row\" data-identity=\"%s\">", escape(r.id())));
      if (i % 2 == 0) {
        svg.append(fmt("<rect class=\"stripe\" x=\"0\" y=\"%s\" width=\"%d\" height=\"%d\"/>", num(y), WIDTH, ROW));
      }
      svg.append(fmt("<text x=\"%d\" y=\"%s\" text-anchor=\"end\" class=\"%s\">%s</text>", LABEL_WIDTH - 10,
          num(y + ROW / 2.0 + 4), r.named() ? "lbl named" : "lbl", escape(r.label())));
      for (Timeline.Segment s : r.segments()) {
        svg.append(fmt("<rect class=\"seg\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%d\" fill=\"%s\">"
            + "<title>%s %s-%s</title></rect>", num(LABEL_WIDTH + s.start() * scale), num(y + (ROW - BAR) / 2.0),
            num(Math.max((s.end() - s.start()) * scale, 1.5)), BAR, r.colour(), escape(r.label()),
            ScreenTimeTable.clock(s.start()), ScreenTimeTable.clock(s.end())));
      }
      for (Timeline.Segment s : r.speaking()) {
        svg.append(fmt("<rect class=\"speak\" x=\"%s\" y=\"%s\" width=\"%s\" height=\"%d\">"
            + "<title>%s speaking %s-%s</title></rect>", num(LABEL_WIDTH + s.start() * scale),
            num(y + ROW - SPEAK_BAR - 1), num(Math.max((s.end() - s.start()) * scale, 1.5)), SPEAK_BAR,
            escape(r.label()), ScreenTimeTable.clock(s.start()), ScreenTimeTable.clock(s.end())));
      }
      svg.append("</g>\n");
    }
    for (double cut : sceneCutTs) {
      double x = LABEL_WIDTH + cut * scale;
      svg.append(fmt("<g class=\"scene-cut\"><title>scene cut at %s</title>"
          + "<line x1=\"%2$s\" x2=\"%2$s\" y1=\"%3$d\" y2=\"%4$d\"/>"
          + "<path d=\"M%5$s %3$d L%6$s %3$d L%2$s %7$d Z\"/></g>\n", ScreenTimeTable.clock(cut), num(x),
          AXIS - 4, height - 4, num(x - 5), num(x + 5), AXIS + 4));
    }
    return svg.append("</svg>\n").toString();
  }

  /**
   * A tick step for an axis of {@code span} seconds giving at most about 12 ticks: 1, 2, 5, 10, 15,
   * 30 s, 1, 2, 5, 10, 15, 30 min, 1 h.
   */
  static double tickStep(double span) {
    double[] steps = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600};
    for (double s : steps) {
      if (span / s <= 12) {
        return s;
      }
    }
    return Math.ceil(span / 12 / 3600) * 3600;
  }
}
