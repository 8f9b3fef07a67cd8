package io.screenalytics.launcher;

import io.screenalytics.schemas.EpisodeStatus;
import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A console progress bar over an episode's status events: sampled frames through detect-track, out of
 * the total the decoder announces, with the latest counts of each stage as its extra message.
 */
final class ProgressView implements AutoCloseable {

  private final ProgressBar bar;

  ProgressView(String episodeId) {
    this.bar = new ProgressBarBuilder()
        .setTaskName(episodeId)
        .setInitialMax(-1)
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" frames", 1)
        .setUpdateIntervalMillis(250)
        .continuousUpdate()
        .build();
  }

  /** Updates from one event of the episode. */
  void update(EpisodeStatus s) {
    var c = s.getCounters();
    Double expected = c.get("frames_expected");
    if (expected != null && "decoder".equals(s.getStage())) {
      bar.maxHint(expected.longValue());
    }
    Double frames = c.get("frames");
    if (frames != null && "detect-track".equals(s.getStage())) {
      bar.stepTo(frames.longValue());
    }
    StringBuilder msg = new StringBuilder(s.getStage()).append(' ').append(s.getState().name().toLowerCase(Locale.ROOT));
    Double faces = c.get("faces");
    if (faces != null) {
      msg.append(String.format(Locale.ROOT, " faces=%.0f", faces));
    }
    bar.setExtraMessage(msg.toString());
  }

  @Override
  public void close() {
    bar.close();
  }
}
