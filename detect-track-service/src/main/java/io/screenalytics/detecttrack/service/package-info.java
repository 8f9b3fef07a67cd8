/**
 * The Kafka side of the detect-track service: settings ({@link io.screenalytics.detecttrack.service.DetectTrackConfig}),
 * one handler per worker ({@link io.screenalytics.detecttrack.service.DetectTrackHandlers}), and inside it the frame's
 * faces ({@code FaceFinder}: decode, detect, minimum size, align, quality), the episode's tracker
 * ({@code EpisodeSession}), and the offsets that may be committed while episodes are open
 * (worker-runtime's {@code EpisodeOffsets}: the committed offset stays at the first frame of the oldest unfinished episode, so a
 * partition's new owner replays it from its start and rebuilds the same tracks).
 */
package io.screenalytics.detecttrack.service;
