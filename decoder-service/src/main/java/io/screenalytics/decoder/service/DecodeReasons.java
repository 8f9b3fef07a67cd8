package io.screenalytics.decoder.service;

import io.screenalytics.decoder.publish.Rotation;
import io.screenalytics.video.decode.DecodeWarning;
import io.screenalytics.video.decode.VideoDecodeException;
import io.screenalytics.video.decode.VideoInfo;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reason an episode's decoding carries on its {@code FAILED} or {@code STAGE_COMPLETED} event: a coded error
 * ({@code not_a_video: ...}, see {@link VideoDecodeException.Reason}), notes, and the decoder's warnings.
 */
final class DecodeReasons {

  /** Distinct decoder warnings a reason lists at most. */
  private static final int REASON_WARNINGS = 5;

  private DecodeReasons() {}

  /** An exception as one line: the lower-case reason code first for a {@link VideoDecodeException}. */
  static String describe(RuntimeException e) {
    if (e instanceof VideoDecodeException v) {
      String message = v.getMessage();
      String prefix = v.reason() + ": ";
      return v.reason().name().toLowerCase(Locale.ROOT) + ": "
          + (message.startsWith(prefix) ? message.substring(prefix.length()) : message);
    }
    if (e instanceof UncheckedIOException u) {
      return u.getMessage();
    }
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** The error first, then notes, then up to five distinct decoder warnings; null when all are empty. */
  static String reason(String error, List<String> notes, List<DecodeWarning> warnings) {
    List<String> parts = new ArrayList<>();
    if (error != null) {
      parts.add(error);
    }
    parts.addAll(notes);
    warnings.stream().map(w -> w.kind().name().toLowerCase(Locale.ROOT) + ": " + w.message()).distinct()
        .limit(REASON_WARNINGS).forEach(parts::add);
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** The turn that makes frames upright; notes a display rotation that is not a quarter turn. */
  static Rotation uprightTurn(VideoInfo info, List<String> notes) {
    Rotation rotation = Rotation.fromDisplayRotation(info.rotationDegrees());
    if (!Rotation.isQuarterTurn(info.rotationDegrees())) {
      notes.add(String.format(Locale.ROOT, "display rotation %.1f degrees is not a quarter turn; frames turned"
          + " %d degrees clockwise", info.rotationDegrees(), rotation.degrees()));
    }
    return rotation;
  }
}
