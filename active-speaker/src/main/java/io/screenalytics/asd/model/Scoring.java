package io.screenalytics.asd.model;

/** How {@link LightAsd} scores a face track. */
public enum Scoring {

  /** The whole track in one model call: the cheapest (one call, each frame seen once). */
  ONE_PASS,

  /**
   * The repository's {@code evaluate_network}: the track cut into pieces of 1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6 s, each
   * piece scored on its own, the 11 logits of each frame averaged. Repeated lengths give equal logits, so each
   * distinct length runs once and is weighted by its count: 6 passes over the track instead of 11.
   */
  AVERAGED;

  /** The repository's piece lengths in seconds, in its order. */
  static final int[] PIECE_SECONDS = {1, 1, 1, 2, 2, 2, 3, 3, 4, 5, 6};
}
