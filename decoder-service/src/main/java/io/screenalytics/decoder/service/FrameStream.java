package io.screenalytics.decoder.service;

import io.screenalytics.runtime.kafka.Emitter;
import io.screenalytics.runtime.status.StatusPublisher;
import io.screenalytics.schemas.EpisodeState;
import io.screenalytics.schemas.Frame;
import io.screenalytics.schemas.Topics;
import java.util.Map;

/**
 * Sends one episode's frames to {@link Topics#FRAMES} in order, keyed by episode id, holding the newest frame
 * back by one so that the last frame can carry {@code is_last}, the frame count and the duration. Publishes a
 * progress event every {@value #PROGRESS_EVERY} frames. One per episode; not thread-safe.
 */
final class FrameStream {

  /** Frames between progress events. */
  static final int PROGRESS_EVERY = 50;

  private final Emitter out;
  private final StatusPublisher status;
  private final String episodeId;
  private Frame held;
  private long sent;

  FrameStream(Emitter out, StatusPublisher status, String episodeId) {
    this.out = out;
    this.status = status;
    this.episodeId = episodeId;
  }

  /**
   * Sends the frame held back so far, if any, and holds {@code next}.
   *
   * @param framesDecoded decoded so far, for the progress event
   */
  void offer(Frame next, long framesDecoded) {
    if (held != null) {
      out.send(Topics.FRAMES, episodeId, held);
      sent++;
      if (sent % PROGRESS_EVERY == 0) {
        status.publish(out, episodeId, EpisodeState.PROGRESS, null, Map.of("frames_published", (double) sent,
            "frames_decoded", (double) framesDecoded), null);
      }
    }
    held = next;
  }

  /** Whether no frame was offered. */
  boolean isEmpty() {
    return held == null;
  }

  /** Presentation time of the newest frame, seconds. */
  double lastTs() {
    return held.getTs();
  }

  /**
   * Sends the held frame as the episode's last.
   *
   * @param durationSeconds the episode's duration
   * @return frames published in all
   * @throws IllegalStateException if no frame was offered
   */
  long finish(double durationSeconds) {
    if (held == null) {
      throw new IllegalStateException("no frame to finish episode " + episodeId + " with");
    }
    held.setIsLast(true);
    held.setFramesPublished(sent + 1);
    held.setDurationS(durationSeconds);
    out.send(Topics.FRAMES, episodeId, held);
    held = null;
    return ++sent;
  }
}
