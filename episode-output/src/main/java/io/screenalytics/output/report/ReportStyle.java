package io.screenalytics.output.report;

/** The report's style sheet, inlined in the page. */
final class ReportStyle {

  static final String CSS = """
      :root { color-scheme: light; }
      body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
        color: #1d2733; background: #f6f7f9; margin: 0 auto; max-width: 1100px; padding: 24px 28px 40px; }
      h1 { font-size: 26px; margin: 0 0 4px; }
      h2 { font-size: 19px; margin: 28px 0 10px; border-bottom: 1px solid #dde1e6; padding-bottom: 4px; }
      h3 { font-size: 16px; margin: 0 0 2px; }
      code { font: 12px ui-monospace, "DejaVu Sans Mono", monospace; background: #eceef1; padding: 1px 4px;
        border-radius: 3px; }
      .summary { font-size: 15px; margin: 0 0 10px; }
      .meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0; color: #4a5663; }
      .meta dt { font-weight: 600; } .meta dd { margin: 0; }
      .note { color: #5b6672; margin: 4px 0 10px; }
      section { background: #fff; border: 1px solid #e3e6ea; border-radius: 8px; padding: 4px 18px 16px;
        margin-top: 18px; }
      .chart { display: block; margin: 6px 0; }
      .chart text { font: 12px system-ui, "DejaVu Sans", sans-serif; fill: #1d2733; }
      .chart .lbl.named { font-weight: 700; }
      .chart .val { fill: #4a5663; }
      .chart .tick { stroke: #e6e9ed; stroke-width: 1; }
      .chart .tick-lbl { fill: #6b7682; font-size: 11px; }
      .chart .stripe { fill: #f5f7fa; }
      .chart .speak { fill: #1f2933; opacity: .8; }
      .chart .scene-cut line { stroke: #d03030; stroke-width: 1.5; stroke-dasharray: 5 4; }
      .chart .scene-cut path { fill: #d03030; }
      table.figures { border-collapse: collapse; margin-top: 8px; width: 100%; }
      .figures th, .figures td { text-align: left; padding: 3px 10px; border-bottom: 1px solid #eef0f3; }
      .figures th { font-weight: 600; color: #4a5663; }
      .figures td.n { text-align: right; font-variant-numeric: tabular-nums; }
      .swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
      .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(330px, 1fr)); gap: 14px; }
      .identity { border: 1px solid #e3e6ea; border-top: 4px solid; border-radius: 6px; padding: 10px 12px;
        background: #fff; }
      .identity p { margin: 4px 0; }
      .identity .id { color: #6b7682; font-size: 12px; }
      .identity .match, .identity .naming, .identity .tracks, .identity .quality { color: #4a5663; font-size: 13px; }
      .identity .quality.low { color: #a4471a; font-weight: 600; }
      .thumbs { display: flex; gap: 6px; margin: 8px 0; min-height: 40px; }
      .thumbs img { width: 96px; height: 96px; border-radius: 4px; object-fit: cover; background: #ddd; }
      footer { color: #6b7682; font-size: 12px; margin-top: 22px; }
      footer a { margin-right: 8px; }
      """;

  private ReportStyle() {}
}
