package io.screenalytics.detecttrack.track;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Reads the ByteTrack reference files in {@code shared/reference/bytetrack} (format in its README). */
final class ReferenceData {

  /** One output row of a {@code *.tracks.csv}: {@code frame,track_id,x1,y1,x2,y2,score}. */
  record TrackRow(int frame, int trackId, BBox box, double score) {}

  private ReferenceData() {}

  /**
   * The reference directory: {@code <screenalytics.shared>/reference/bytetrack}, else {@code ../shared}
   * next to the repository root (the directory holding the parent pom and this module).
   */
  static Path directory() {
    String prop = System.getProperty("screenalytics.shared");
    Path shared;
    if (prop != null && !prop.isBlank()) {
      shared = Paths.get(prop);
    } else {
      Path dir = Paths.get("").toAbsolutePath();
      while (dir != null && !Files.isDirectory(dir.resolve("detect-track-service"))) {
        dir = dir.getParent();
      }
      shared = (dir == null ? Paths.get("").toAbsolutePath() : dir).resolve("../shared");
    }
    return shared.resolve("reference/bytetrack").normalize();
  }

  /** Detections per 1-based frame, in file row order; each detection's index is its row within the frame. */
  static Map<Integer, List<ScoredBox>> readDetections(Path file) {
    Map<Integer, List<ScoredBox>> byFrame = new TreeMap<>();
    for (String[] f : rows(file, 6)) {
      int frame = Integer.parseInt(f[0]);
      List<ScoredBox> list = byFrame.computeIfAbsent(frame, k -> new ArrayList<>());
      list.add(ScoredBox.of(list.size(), d(f[1]), d(f[2]), d(f[3]), d(f[4]), d(f[5])));
    }
    return byFrame;
  }

  /** Output rows per 1-based frame, in file row order. */
  static Map<Integer, List<TrackRow>> readTracks(Path file) {
    Map<Integer, List<TrackRow>> byFrame = new TreeMap<>();
    for (String[] f : rows(file, 7)) {
      int frame = Integer.parseInt(f[0]);
      BBox box = new BBox(d(f[2]), d(f[3]), d(f[4]), d(f[5]));
      byFrame.computeIfAbsent(frame, k -> new ArrayList<>())
          .add(new TrackRow(frame, Integer.parseInt(f[1]), box, d(f[6])));
    }
    return byFrame;
  }

  private static List<String[]> rows(Path file, int columns) {
    try {
      List<String> lines = Files.readAllLines(file);
      List<String[]> out = new ArrayList<>();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        if (f.length != columns) {
          throw new IllegalStateException(file + ": expected " + columns + " columns in '" + line + "'");
        }
        out.add(f);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static double d(String s) {
    return Double.parseDouble(s);
  }
}
