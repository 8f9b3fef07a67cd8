/**
 * The episode report: one self-contained HTML page per episode ({@code episodes/<id>/report.html}) with
 * each identity's thumbnails, a timeline of who is on screen when with the scene cuts, a screen-time
 * bar chart and the unknown clusters for review. No scripts, no external resources.
 */
package io.screenalytics.output.report;
