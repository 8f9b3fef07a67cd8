package io.screenalytics.voice.rttm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads and writes RTTM (NIST Rich Transcription Time Marked) speaker lines:
 * {@code SPEAKER <file> 1 <start_s> <duration_s> <NA> <NA> <speaker> <NA> <NA>}, times with 3 decimals.
 * Other line types are ignored on reading. Stateless.
 */
public final class Rttm {

  private Rttm() {
  }

  /** The RTTM text of turns, one line each, in the given order. Whitespace in labels becomes {@code _}. */
  public static String format(List<SpeakerTurn> turns) {
    StringBuilder out = new StringBuilder();
    for (SpeakerTurn t : turns) {
      out.append(String.format(Locale.ROOT, "SPEAKER %s 1 %.3f %.3f <NA> <NA> %s <NA> <NA>%n",
          t.file().replaceAll("\\s+", "_"), t.start(), t.seconds(), t.speaker().replaceAll("\\s+", "_")));
    }
    return out.toString();
  }

  /**
   * Parses RTTM text into turns grouped by file id, in file order.
   *
   * @throws IllegalArgumentException naming the line when a SPEAKER line is malformed
   */
  public static Map<String, List<SpeakerTurn>> parse(String text) {
    Map<String, List<SpeakerTurn>> out = new LinkedHashMap<>();
    String[] lines = text.split("\\R");
    for (int i = 0; i < lines.length; i++) {
      String[] f = lines[i].trim().split("\\s+");
      if (f.length < 8 || !f[0].equals("SPEAKER")) continue;
      try {
        double start = Double.parseDouble(f[3]);
        double duration = Double.parseDouble(f[4]);
        if (duration <= 0) continue;
        out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(new SpeakerTurn(f[1], start, start + duration, f[7]));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("RTTM line " + (i + 1) + " is malformed: " + lines[i], e);
      }
    }
    return out;
  }

  /** {@link #parse(String)} of a file. */
  public static Map<String, List<SpeakerTurn>> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  /**
   * Parses a UEM file ({@code <file> <channel> <start_s> <end_s>} per line) into scored regions by file id.
   *
   * @return {@code double[2]} intervals per file
   */
  public static Map<String, List<double[]>> readUem(Path file) throws IOException {
    Map<String, List<double[]>> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      String[] f = line.trim().split("\\s+");
      if (f.length < 4) continue;
      out.computeIfAbsent(f[0], k -> new ArrayList<>())
          .add(new double[] {Double.parseDouble(f[2]), Double.parseDouble(f[3])});
    }
    return out;
  }
}
