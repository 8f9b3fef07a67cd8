package io.screenalytics.video.decode;

import static org.bytedeco.ffmpeg.global.avutil.AVERROR_INVALIDDATA;
import static org.bytedeco.ffmpeg.global.avutil.av_strerror;

import io.screenalytics.video.decode.InputFile.IsoBmffLayout;
import io.screenalytics.video.decode.VideoDecodeException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure of JavaCV's {@code FFmpegFrameGrabber.start()} into a {@link VideoDecodeException}.
 * JavaCV reports only a message naming the FFmpeg call and its error code, so the stage is read from the
 * message and the code is decoded with {@code av_strerror}; the file's own layout settles the truncated case.
 */
final class OpenFailures {

  private static final Pattern ERROR_CODE = Pattern.compile("error (-?\\d+)");

  private OpenFailures() {
  }

  static VideoDecodeException classify(String location, IsoBmffLayout layout, Exception e) {
    String message = String.valueOf(e.getMessage());
    Integer code = errorCode(message);
    String ffmpeg = code == null ? message : describe(code);
    if (layout.isoBmff() && (layout.truncation() != null || !layout.hasIndex())) {
      String why = layout.truncation() != null
          ? layout.truncation() : "its index (moov box) is missing";
      return new VideoDecodeException(Reason.TRUNCATED, location,
          "MP4/MOV file cannot be opened: " + why + " (FFmpeg: " + ffmpeg + ")", e);
    }
    if (message.contains("Did not find a video or audio stream")) {
      return new VideoDecodeException(Reason.NO_VIDEO_STREAM, location,
          "the file has no video (or audio) stream", e);
    }
    if (message.contains("avformat_open_input") || message.contains("avformat_find_stream_info")) {
      if (code == null || code == AVERROR_INVALIDDATA) {
        return new VideoDecodeException(Reason.NOT_A_VIDEO, location,
            "FFmpeg recognises no audio/video format in the file (FFmpeg: " + ffmpeg + ")", e);
      }
      return new VideoDecodeException(Reason.UNREADABLE, location, "FFmpeg cannot read the file (FFmpeg: "
          + ffmpeg + ")", e);
    }
    if (message.contains("avcodec_find_decoder") || message.contains("avcodec_open2")) {
      return new VideoDecodeException(Reason.DECODE_ERROR, location,
          "no usable decoder for the stream's codec (" + ffmpeg + ")", e);
    }
    return new VideoDecodeException(Reason.DECODE_ERROR, location, "FFmpeg failed to open the video: "
        + message, e);
  }

  private static Integer errorCode(String message) {
    Matcher m = ERROR_CODE.matcher(message);
    return m.find() ? Integer.valueOf(m.group(1)) : null;
  }

  /** FFmpeg's own text for an error code, e.g. "Invalid data found when processing input". */
  static String describe(int code) {
    byte[] buffer = new byte[256];
    if (av_strerror(code, buffer, buffer.length) < 0) {
      return "error " + code;
    }
    int length = 0;
    while (length < buffer.length && buffer[length] != 0) {
      length++;
    }
    return new String(buffer, 0, length, StandardCharsets.UTF_8) + " (" + code + ")";
  }
}
