/**
 * ByteTrack multi-object tracking of face boxes, in pure Java (no Kafka, Avro or other project modules).
 *
 * <p>The algorithm is ByteTrack: Y. Zhang et al., "ByteTrack: Multi-Object Tracking by Associating Every
 * Detection Box", ECCV 2022, as implemented in the official code (GitHub {@code ifzhang/ByteTrack},
 * {@code yolox/tracker/byte_tracker.py}, {@code kalman_filter.py}, {@code matching.py},
 * {@code basetrack.py}). {@link io.screenalytics.detecttrack.track.ByteTracker} reproduces that code's
 * output exactly, quirks included; the parity test checks it against outputs recorded from the reference
 * ({@code shared/reference/bytetrack}).
 *
 * <ul>
 *   <li>{@link io.screenalytics.detecttrack.track.KalmanFilter}: the DeepSORT constant-velocity filter on
 *       (centre x, centre y, aspect w/h, height).
 *   <li>{@link io.screenalytics.algorithms.assign.LinearAssignment} (algorithms module): Jonker-Volgenant assignment with a cost
 *       limit, as {@code lap.lapjv(cost, extend_cost=True, cost_limit=...)}.
 *   <li>{@link io.screenalytics.detecttrack.track.Iou}: IoU with the Fast R-CNN "+1" pixel convention.
 *   <li>{@link io.screenalytics.detecttrack.track.ByteTracker}: the two-stage association per frame.
 *   <li>{@link io.screenalytics.detecttrack.track.EpisodeTracker}: per-episode wrapper with scene-cut resets,
 *       a time-based gap limit and closed-track records.
 * </ul>
 *
 * <p>Units: boxes are in image pixels ({@code xyxy}: top-left and bottom-right corners), time in seconds,
 * and "frames" in the tracker are calls to {@code update} (processed frames, after any stride).
 * Nothing here is thread-safe; use one tracker per episode on one thread.
 */
package io.screenalytics.detecttrack.track;
