package io.screenalytics.launcher.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Named-screen-time recall and false naming of one episode folder against hand-made truth: who is on screen where.
 *
 * <p>Truth is a list of {@link Region}s: a person (a cast name, or any other label for people who must stay unknown)
 * is on screen from source frame {@code fromFrame} to {@code toFrame} inclusive, with the centre of their face
 * between {@code xMin} and {@code xMax} of the frame width. A face of {@code faces.jsonl} (every detected face,
 * embedded or not) whose identity in {@code identities.json} is named N counts:
 * <ul>
 *   <li>right when it lies in one of N's regions: its sampled frame counts once towards N's named seconds
 *       ({@code seconds_per_sampled_frame} of {@code screen_time.json} each);
 *   <li>false otherwise: {@code wrong person} when it lies in another cast member's region, {@code unknown person}
 *       when in a region of someone outside the cast or in no region.
 * </ul>
 * A cast member's recall is their named seconds over their truth seconds ({@code (toFrame - fromFrame + 1) / fps}
 * summed over their regions), so faces the detector missed count against it too; a region's named seconds are
 * capped at its truth seconds (its sampled frames times the stride can exceed its length by up to one sampled
 * frame). Frames are used, not times, so
 * the figures do not depend on where the container's timeline starts.
 */
public final class NamingScore {

  /**
   * One stretch of one person on screen.
   *
   * @param person    cast name, or a label of someone outside the cast
   * @param fromFrame first source frame, inclusive
   * @param toFrame   last source frame, inclusive
   * @param xMin      left bound of the face centre, fraction of the frame width 0..1
   * @param xMax      right bound, 0..1
   */
  public record Region(String person, long fromFrame, long toFrame, double xMin, double xMax) {

    /** The whole frame width. */
    public Region(String person, long fromFrame, long toFrame) {
      this(person, fromFrame, toFrame, 0, 1);
    }

    boolean contains(long frame, double x) {
      return frame >= fromFrame && frame <= toFrame && x >= xMin && x <= xMax;
    }
  }

  /**
   * The figures.
   *
   * @param truthSeconds  per cast member, seconds on screen by the truth
   * @param namedSeconds  per cast member, seconds named right
   * @param wrongPerson   seconds of faces of one cast member named as another
   * @param unknownPerson seconds of faces of people outside the cast (or of no region) named as a cast member
   * @param namedTotal    seconds of every named face (right or not)
   */
  public record Result(Map<String, Double> truthSeconds, Map<String, Double> namedSeconds, double wrongPerson,
      double unknownPerson, double namedTotal) {

    /** Named seconds over truth seconds, all cast members together, 0..1. */
    public double recall() {
      double truth = truthSeconds.values().stream().mapToDouble(Double::doubleValue).sum();
      return truth == 0 ? 0 : namedSeconds.values().stream().mapToDouble(Double::doubleValue).sum() / truth;
    }

    /** One cast member's recall, 0..1. */
    public double recall(String person) {
      return namedSeconds.getOrDefault(person, 0.0) / truthSeconds.get(person);
    }

    /** Seconds named falsely (wrong person and unknown person). */
    public double falseSeconds() {
      return wrongPerson + unknownPerson;
    }

    /** A few lines for people. */
    public String format() {
      StringBuilder out = new StringBuilder();
      truthSeconds.forEach((p, t) -> out.append(String.format(Locale.ROOT, "  %-26s named %5.2f s of %5.2f s (%3.0f %%)%n",
          p, namedSeconds.getOrDefault(p, 0.0), t, 100 * recall(p))));
      out.append(String.format(Locale.ROOT, "  recall %.1f %%; false naming %.2f s (wrong person %.2f s, unknown "
          + "person %.2f s) of %.2f s named%n", 100 * recall(), falseSeconds(), wrongPerson, unknownPerson, namedTotal));
      return out.toString();
    }
  }

  private NamingScore() {}

  /**
   * Scores one episode folder.
   *
   * @param episode    the episode folder ({@code faces.jsonl}, {@code identities.json}, {@code screen_time.json})
   * @param truth      who is where
   * @param cast       the cast names (every other truth label must stay unknown)
   * @param fps        source frame rate
   * @param frameWidth source frame width, pixels
   * @throws IOException when a file is missing or malformed
   */
  public static Result score(Path episode, List<Region> truth, Set<String> cast, double fps, int frameWidth)
      throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<Integer, String> nameOfTrack = new HashMap<>();
    for (JsonNode identity : json.readTree(episode.resolve("identities.json").toFile()).get("identities")) {
      if (identity.hasNonNull("name")) {
        identity.get("track_ids").forEach(t -> nameOfTrack.put(t.asInt(), identity.get("name").asText()));
      }
    }
    double spf = json.readTree(episode.resolve("screen_time.json").toFile()).get("seconds_per_sampled_frame")
        .asDouble();
    Map<String, Set<Long>> right = new TreeMap<>();
    Map<Region, Set<Long>> rightByRegion = new HashMap<>();
    Set<String> wrong = new HashSet<>();
    Set<String> unknown = new HashSet<>();
    Set<String> named = new HashSet<>();
    for (String line : Files.readAllLines(episode.resolve("faces.jsonl"))) {
      JsonNode face = json.readTree(line);
      String name = nameOfTrack.get(face.get("track_id").asInt());
      if (name == null) {
        continue;
      }
      long frame = face.get("frame_idx").asLong();
      JsonNode box = face.get("bbox_xyxy");
      double x = (box.get(0).asDouble() + box.get(2).asDouble()) / 2 / frameWidth;
      String key = name + "@" + frame;
      named.add(key);
      String truthPerson = null;
      for (Region r : truth) {
        if (r.contains(frame, x) && (truthPerson == null || r.person().equals(name))) {
          truthPerson = r.person();
        }
      }
      if (name.equals(truthPerson)) {
        right.computeIfAbsent(name, k -> new TreeSet<>()).add(frame);
        for (Region r : truth) {
          if (r.person().equals(name) && r.contains(frame, x)) {
            rightByRegion.computeIfAbsent(r, k -> new TreeSet<>()).add(frame);
            break;
          }
        }
      } else if (truthPerson != null && cast.contains(truthPerson)) {
        wrong.add(key);
      } else {
        unknown.add(key);
      }
    }
    Map<String, Double> truthSeconds = new TreeMap<>();
    for (Region r : truth) {
      if (cast.contains(r.person())) {
        truthSeconds.merge(r.person(), (r.toFrame() - r.fromFrame() + 1) / fps, Double::sum);
      }
    }
    Map<String, Double> namedSeconds = new TreeMap<>();
    rightByRegion.forEach((r, frames) -> namedSeconds.merge(r.person(),
        Math.min(frames.size() * spf, (r.toFrame() - r.fromFrame() + 1) / fps), Double::sum));
    // a frame where a name is both right and false counts as right only
    right.forEach((p, frames) -> frames.forEach(f -> {
      wrong.remove(p + "@" + f);
      unknown.remove(p + "@" + f);
    }));
    return new Result(truthSeconds, namedSeconds, wrong.size() * spf, unknown.size() * spf, named.size() * spf);
  }

}
