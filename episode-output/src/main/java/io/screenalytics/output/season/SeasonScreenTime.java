package io.screenalytics.output.season;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.json.JsonCodec;
import io.screenalytics.identities.screentime.ScreenTime;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.output.manifest.StoredScreenTime;
import io.screenalytics.store.ArtifactStore;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Screen time across every episode of an artifact store: one row per episode and identity, people named alike in
 * different episodes lined up under one {@code person} key and one spelling of their name, written as CSV or JSON.
 *
 * <p>The {@code person} key of a named identity is the slug of its name ({@link Facebank#castId(String)}, the id
 * named identities already carry): "Barack Obama" and "barack obama" are one person, shown with the spelling of the
 * first episode (in episode id order) that names them. An unknown stays its episode's own:
 * {@code <episode_id>/<identity_id>} ({@code ep01/unknown_01}), since {@code unknown_01} of two episodes are not the
 * same person. A voice heard without a face is a row with {@code visible_seconds} 0.
 *
 * <p>Reads only finished episodes (those with a {@code manifest.json}, written last), each from its
 * {@code screen_time.json}; stateless and thread-safe.
 */
public final class SeasonScreenTime {

  /** Columns of the CSV, in order; the JSON rows carry the same names. */
  public static final List<String> COLUMNS = List.of("episode_id", "identity_id", "person", "name",
      "visible_seconds", "share", "speaking_s", "first_ts", "last_ts");

  private static final CsvMapper CSV = CsvMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
      .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
      .enable(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING) // quote only the cells that need it
      .build();
  private static final CsvSchema CSV_SCHEMA = csvSchema();

  /**
   * One row of the export.
   *
   * @param episodeId      the episode
   * @param identityId     the identity in that episode ({@code barack_obama}, {@code unknown_01}, {@code voice_01})
   * @param person         the key lining people up across episodes: the name's slug, or
   *                       {@code <episode_id>/<identity_id>} when unnamed
   * @param name           the person's name as the season spells it (first episode naming them), null when unknown
   * @param visibleSeconds screen time, seconds, rounded to the millisecond
   * @param share          visible seconds over the episode's duration, 0..1, rounded to 6 decimals
   * @param speakingS      seconds the identity speaks, rounded to the millisecond; null when the episode has no
   *                       voices
   * @param firstTs        first appearance, seconds on the container's timeline, rounded to the millisecond; null
   *                       when never on screen
   * @param lastTs         last appearance (the last counted frame's time), seconds, rounded likewise; null when
   *                       never on screen
   */
  public record Row(String episodeId, String identityId, String person, String name, double visibleSeconds,
      double share, Double speakingS, Double firstTs, Double lastTs) {}

  private SeasonScreenTime() {}

  /**
   * The rows of the given episodes' screen time, in the order given, each episode's rows longest first.
   *
   * @param episodes the episodes' stored screen time, by episode id, in the order wanted
   * @return the rows, names lined up across episodes
   */
  public static List<Row> rows(Map<String, StoredScreenTime> episodes) {
    Map<String, String> spelling = new HashMap<>();
    List<Row> out = new ArrayList<>();
    episodes.forEach((episodeId, stored) -> {
      for (ScreenTime t : stored.rows()) {
        String person = t.name() == null ? episodeId + "/" + t.identityId() : Facebank.castId(t.name());
        String name = t.name() == null ? null : spelling.computeIfAbsent(person, k -> t.name());
        out.add(new Row(episodeId, t.identityId(), person, name, round(t.visibleSeconds(), 1e3),
            round(t.share(), 1e6), stored.speakingS(t.identityId()).map(s -> round(s, 1e3)).orElse(null),
            millis(t.firstTs()), millis(t.lastTs())));
      }
    });
    return out;
  }

  /**
   * Every finished episode of {@code store}, read and lined up ({@link #rows(Map)}), episodes in id order.
   *
   * @param onUnreadable told of each episode whose {@code screen_time.json} cannot be read (id and why); it is left
   *                     out and the others are read
   * @throws IOException when the store cannot be listed
   */
  public static List<Row> read(ArtifactStore store, BiConsumer<String, String> onUnreadable)
      throws IOException {
    Map<String, StoredScreenTime> stored = new LinkedHashMap<>();
    EpisodeManifestReader reader = new EpisodeManifestReader();
    for (String id : reader.episodes(store)) {
      try {
        stored.put(id, reader.storedScreenTime(store, id));
      } catch (IOException | RuntimeException e) {
        onUnreadable.accept(id, String.valueOf(e.getMessage()));
      }
    }
    return rows(stored);
  }

  /**
   * Writes {@code rows} as CSV (RFC 4180 quoting, a header line of {@link #COLUMNS}, {@code \n} line ends, empty
   * cells for nulls), UTF-8; {@code out} is flushed, not closed.
   *
   * @throws IOException when {@code out} fails
   */
  public static void writeCsv(List<Row> rows, OutputStream out) throws IOException {
    CSV.writer(CSV_SCHEMA).writeValue(out, rows);
    out.flush();
  }

  /**
   * Writes {@code rows} as an indented JSON array of objects named as {@link #COLUMNS} (nulls kept), UTF-8;
   * {@code out} is flushed, not closed.
   *
   * @throws IOException when {@code out} fails
   */
  public static void writeJson(List<Row> rows, OutputStream out) throws IOException {
    out.write(JsonCodec.pretty(rows));
    out.flush();
  }

  private static CsvSchema csvSchema() {
    CsvSchema.Builder b = CsvSchema.builder();
    COLUMNS.forEach(b::addColumn);
    return b.build().withHeader().withLineSeparator("\n").withNullValue("");
  }

  private static double round(double v, double scale) {
    return Math.round(v * scale) / scale;
  }

  private static Double millis(double seconds) {
    return Double.isFinite(seconds) ? round(seconds, 1e3) : null;
  }
}
