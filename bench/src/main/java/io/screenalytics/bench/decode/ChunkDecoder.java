package io.screenalytics.bench.decode;

import io.screenalytics.video.decode.ChunkPlan;
import io.screenalytics.video.decode.DecodeSettings;
import io.screenalytics.video.decode.FrameSampler;
import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.decoder.publish.EncodedFrame;
import io.screenalytics.decoder.publish.FrameEncoder;
import io.screenalytics.decoder.publish.Rotation;
import io.screenalytics.vision.image.PixelFormat;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * One decoder process of {@code bench/run chunked-decode}: decodes the chunks it is handed on standard input
 * ({@code <index> <first frame> <end frame>} per line, {@code quit} to end) as the decoder service does at its
 * defaults (fast_stride, one FFmpeg thread, frames scaled to 1280 in YUV and JPEG-encoded at quality 90 by FFmpeg's
 * MJPEG encoder) and throws the JPEGs away, the part of the decode phase a fast downstream consumer leaves; answers
 * {@code done <index> <frames> <sum of each frame's crc32 of frame_idx and JPEG> <process CPU ns>} per chunk (a sum,
 * so chunks' sums add up to the whole video's).
 *
 * <p>Arguments: {@code <video> <stride>}. Prints {@code ready} once it has decoded its first frame (class loading,
 * FFmpeg start-up), before any chunk is timed.
 */
public final class ChunkDecoder {

  private ChunkDecoder() {}

  public static void main(String[] args) throws Exception {
    String video = args[0];
    int stride = Integer.parseInt(args[1]);
    DecodeSettings settings = new DecodeSettings(stride, SamplingPolicy.FAST_STRIDE, 1, 1280, "none",
        PixelFormat.YUVJ420P);
    try (FrameEncoder encoder = new FrameEncoder(1280, 90)) {
      try (FrameSampler warm = FrameSampler.open(video, settings)) {
        encoder.encode(warm.next(), Rotation.NONE);
      }
      System.out.println("ready");
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      for (String line = in.readLine(); line != null && !line.equals("quit"); line = in.readLine()) {
        String[] f = line.trim().split(" ");
        ChunkPlan.Chunk chunk = new ChunkPlan.Chunk(Integer.parseInt(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]));
        long cpu0 = cpuNanos();
        long frames = 0;
        long sum = 0;
        try (FrameSampler sampler = FrameSampler.openChunk(video, settings, chunk)) {
          while (sampler.hasNext()) {
            var frame = sampler.next();
            EncodedFrame jpeg = encoder.encode(frame, Rotation.NONE);
            CRC32 crc = new CRC32();
            crc.update(Long.toString(frame.frameIdx()).getBytes(StandardCharsets.US_ASCII));
            crc.update(jpeg.jpeg());
            sum += crc.getValue();
            frames++;
          }
        }
        System.out.printf(Locale.ROOT, "done %d %d %d %d%n", chunk.index(), frames, sum,
            cpuNanos() - cpu0);
      }
    }
  }

  private static long cpuNanos() {
    return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
  }
}
