package io.screenalytics.decoder.publish;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.util.Objects;
import java.util.Optional;

/**
 * The claim-check pattern (Hohpe and Woolf, <i>Enterprise Integration Patterns</i>, 2003, "Claim Check") for
 * frames too large for the frames topic: the encoded image is stored in the artifact store under
 * {@code episodes/<episode_id>/frames/<frame_idx>.jpg} ({@link StoreLayout#frame}) and the message carries the object's URI
 * ({@code file://...} or {@code s3://bucket/...}) instead of the bytes.
 *
 * <p>Stored objects are written whole (the store's put is atomic) before the message that names them is sent,
 * and keyed by episode and frame index, so a replayed episode overwrites them. They are not deleted by the
 * decoder. Thread-safe if the store is.
 */
public final class ClaimCheck {

  private final ArtifactStore store;
  private final int thresholdBytes;

  /**
   * @param store where oversized frames go
   * @param thresholdBytes frames of more bytes than this are stored, at least 1
   * @throws IllegalArgumentException if the threshold is below 1
   */
  public ClaimCheck(ArtifactStore store, int thresholdBytes) {
    if (thresholdBytes < 1) {
      throw new IllegalArgumentException("thresholdBytes must be >= 1, was " + thresholdBytes);
    }
    this.store = Objects.requireNonNull(store, "store");
    this.thresholdBytes = thresholdBytes;
  }

  /** Frames of more bytes than this are stored. */
  public int thresholdBytes() {
    return thresholdBytes;
  }

  /**
   * Stores the image if it is over the threshold.
   *
   * @param episodeId a valid episode id (also a valid key segment)
   * @param frameIdx the frame's index
   * @param image the encoded frame
   * @return the stored object's URI, or empty when the image is small enough to travel in the message
   * @throws IOException if the store cannot write it
   */
  public Optional<String> checkIn(String episodeId, long frameIdx, byte[] image) throws IOException {
    if (image.length <= thresholdBytes) {
      return Optional.empty();
    }
    String key = StoreLayout.frame(episodeId, frameIdx);
    store.put(key, image);
    return Optional.of(store.uri(key));
  }
}
