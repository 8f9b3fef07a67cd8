package io.screenalytics.bench.cost;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The seeds' peer ({@code ../shared/tools/seed_peer.py}: OpenCV decode at the stride, YuNet, ArcFace alignment,
 * {@code fr_feature} through ONNX Runtime, one Python process) run on a file, with the first Python found that has
 * cv2 and onnxruntime: {@code SCREENALYTICS_PEER_PYTHON}, {@code /tmp/peer-venv/bin/python}, {@code python3}.
 *
 * @param python          the interpreter used
 * @param threads         ONNX Runtime intra-op threads given to the peer
 * @param cpuPerVideoSecond its CPU seconds per second of video (its own {@code cpu_per_video_s})
 * @param line            the line it printed
 */
public record SeedPeer(String python, int threads, double cpuPerVideoSecond, String line) {

  private static final Pattern CPU = Pattern.compile("cpu_per_video_s=([0-9.]+)");

  /**
   * Runs the peer at stride 6 with {@code threads} ONNX Runtime threads on {@code video}.
   *
   * @return its figures, or empty when no Python with cv2 and onnxruntime is found or the peer printed no figures
   */
  public static Optional<SeedPeer> run(Path shared, Path video, int threads) throws InterruptedException {
    for (String python : pythons()) {
      if (python.contains("/") && !Files.isExecutable(Path.of(python))) {
        continue;
      }
      try {
        Process check = new ProcessBuilder(python, "-c", "import cv2, onnxruntime").redirectErrorStream(true).start();
        if (!check.waitFor(60, TimeUnit.SECONDS) || check.exitValue() != 0) {
          continue;
        }
        Process p = new ProcessBuilder(python, shared.resolve("tools/seed_peer.py").toString(), video.toString(),
            shared.resolve("models").toString(), "6", Integer.toString(threads)).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        String line = out.lines().filter(l -> l.startsWith("source_frames")).findFirst().orElse(out.strip());
        Matcher m = CPU.matcher(line);
        return m.find() ? Optional.of(new SeedPeer(python, threads, Double.parseDouble(m.group(1)), line))
            : Optional.empty();
      } catch (IOException e) {
        // try the next Python
      }
    }
    return Optional.empty();
  }

  private static List<String> pythons() {
    List<String> out = new ArrayList<>();
    String env = System.getenv("SCREENALYTICS_PEER_PYTHON");
    if (env != null) {
      out.add(env);
    }
    out.add("/tmp/peer-venv/bin/python");
    out.add("python3");
    return out;
  }
}
