package io.screenalytics.identities.identity;

import java.util.ArrayList;
import java.util.List;

/**
 * How many thumbnails to keep per identity.
 *
 * @param perIdentity thumbnails saved per identity, 0..100 (0 saves none)
 */
public record ThumbnailConfig(int perIdentity) {

  /** 3: enough to eyeball a cluster's purity in a report without bloating the episode folder. */
  public static final int DEFAULT_PER_IDENTITY = 3;

  /** The defaults above. */
  public static ThumbnailConfig defaults() {
    return new ThumbnailConfig(DEFAULT_PER_IDENTITY);
  }

  /** Every problem with these values, empty when valid. */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    if (perIdentity < 0 || perIdentity > 100) {
      problems.add("thumbnails per identity must be in [0, 100], got " + perIdentity);
    }
    return problems;
  }
}
