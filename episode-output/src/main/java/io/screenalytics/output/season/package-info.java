/** Figures across the episodes of a store: the season's screen-time table ({@link SeasonScreenTime}). */
package io.screenalytics.output.season;
