package io.screenalytics.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_ERROR;
import static org.bytedeco.ffmpeg.global.avutil.AV_LOG_FATAL;
import static org.bytedeco.ffmpeg.global.avutil.av_log_set_level;
import static org.bytedeco.ffmpeg.global.avutil.setLogCallback;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.bytedeco.ffmpeg.avutil.LogCallback;
import org.bytedeco.javacpp.BytePointer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends FFmpeg's own log lines to SLF4J (logger {@code io.screenalytics.video.decode.FfmpegLog}) instead of
 * the process's stderr, and keeps only errors: FFmpeg's default (info) would also dump every file's stream
 * layout. Fatal errors arrive as ERROR; other errors as WARN, at most {@value #WARN_LINES_PER_MINUTE} lines a
 * minute, the rest as DEBUG: a damaged stream produces several lines per frame, and
 * {@link VideoSource#warnings()} already summarises them.
 *
 * <p>FFmpeg's log level and callback are process-wide: {@link #install()} sets them once for the JVM.
 * Callbacks may arrive on FFmpeg's own decoding threads.
 */
final class FfmpegLog extends LogCallback {

  private static final Logger LOG = LoggerFactory.getLogger(FfmpegLog.class);
  static final int WARN_LINES_PER_MINUTE = 20;
  private static final long MINUTE_NANOS = 60_000_000_000L;
  private static final FfmpegLog INSTANCE = new FfmpegLog();
  private static volatile boolean installed;

  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicInteger warnLinesInWindow = new AtomicInteger();

  private FfmpegLog() {
    retainReference(); // the native side keeps calling it for the life of the process
  }

  /** Installs the bridge; idempotent and thread-safe. */
  static void install() {
    if (installed) {
      return;
    }
    synchronized (FfmpegLog.class) {
      if (!installed) {
        av_log_set_level(AV_LOG_ERROR);
        setLogCallback(INSTANCE);
        installed = true;
      }
    }
  }

  @Override
  public void call(int level, BytePointer message) {
    try {
      String text = message.getString().strip();
      if (level <= AV_LOG_FATAL) {
        LOG.error("ffmpeg: {}", text);
      } else if (level <= AV_LOG_ERROR && takeWarnSlot()) {
        LOG.warn("ffmpeg: {}", text);
      } else {
        LOG.debug("ffmpeg: {}", text);
      }
    } catch (RuntimeException e) {
      // an exception must not unwind into native code; there is nothing better to do than drop the line
    }
  }

  private boolean takeWarnSlot() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start > MINUTE_NANOS && windowStart.compareAndSet(start, now)) {
      warnLinesInWindow.set(0);
    }
    return warnLinesInWindow.incrementAndGet() <= WARN_LINES_PER_MINUTE;
  }
}
