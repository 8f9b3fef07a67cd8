package io.screenalytics.vision.embed;

import java.util.SplittableRandom;

/** Deterministic face-sized test patterns used to verify batching when an embedder opens. */
final class SyntheticCrops {

  private SyntheticCrops() {
  }

  /** A packed BGR24 {@code width x height} crop: smooth gradients plus seeded noise, different per {@code seed}. */
  static byte[] crop(int width, int height, int seed) {
    SplittableRandom random = new SplittableRandom(0x5EED + seed);
    byte[] out = new byte[width * height * 3];
    for (int y = 0, i = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        for (int c = 0; c < 3; c++, i++) {
          int v = (x * (c + 1 + seed) + y * (3 - c) * 2) % 256 / 2 + random.nextInt(128);
          out[i] = (byte) Math.min(255, v);
        }
      }
    }
    return out;
  }
}
