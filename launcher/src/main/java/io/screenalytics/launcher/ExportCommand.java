package io.screenalytics.launcher;

import io.screenalytics.output.season.SeasonScreenTime;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.StoreLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code screenalytics export screen-time}: the screen time of every finished episode of the artifact store (local
 * or S3, the {@code --out} and {@code store.*} settings as every store command) as one table, one row per episode
 * and identity, people named alike across episodes lined up ({@link SeasonScreenTime}), written as CSV and/or JSON
 * to files or standard output ({@code -}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = "Export figures across the store's episodes.",
    subcommands = {ExportCommand.ScreenTime.class})
final class ExportCommand {

  /** {@code export screen-time}. */
  @Command(name = "screen-time", mixinStandardHelpOptions = true,
      description = "Screen time of every finished episode of the store, one row per episode and identity "
          + "(episode_id, identity_id, person, name, visible_seconds, share, speaking_s, first_ts, last_ts); people "
          + "named alike across episodes share the person key (the name's slug) and one spelling; unknowns stay "
          + "per episode (person <episode_id>/<identity_id>).")
  static final class ScreenTime extends UserCommand {

    @Option(names = "--csv", paramLabel = "FILE", description = "Write CSV here (- for standard output).")
    String csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Write JSON here (- for standard output).")
    String json;

    @Mixin
    StoreOptions store;

    @Override
    protected Integer execute() throws Exception {
      if (csv == null && json == null) {
        throw new IllegalArgumentException("export screen-time needs --csv FILE or --json FILE (- for standard output)");
      }
      if ("-".equals(csv) && "-".equals(json)) {
        throw new IllegalArgumentException("only one of --csv and --json can go to standard output");
      }
      Console console = console();
      List<SeasonScreenTime.Row> rows;
      String where;
      try (ArtifactStore artifacts = StoreOptions.open(store.settings())) {
        where = StoreOptions.describe(artifacts, StoreLayout.EPISODES);
        rows = SeasonScreenTime.read(artifacts,
            (id, why) -> console.warn("episode %s skipped: its screen_time.json cannot be read (%s)", id, why));
      }
      if (rows.isEmpty()) {
        throw new IllegalArgumentException("no finished episode with screen time in " + where);
      }
      long episodes = rows.stream().map(SeasonScreenTime.Row::episodeId).distinct().count();
      if (csv != null) {
        write(csv, out -> SeasonScreenTime.writeCsv(rows, out));
      }
      if (json != null) {
        write(json, out -> SeasonScreenTime.writeJson(rows, out));
      }
      if (!"-".equals(csv) && !"-".equals(json)) {
        // standard output carries only the table
        console.info("%d rows from %d episodes of %s -> %s", rows.size(), episodes, where,
            String.join(", ", Stream.of(csv, json).filter(Objects::nonNull).toList()));
      }
      return 0;
    }

    /** Writes through {@code body} to {@code target}: a file, or {@code -} for the command's output. */
    private void write(String target, Body body) throws IOException {
      if ("-".equals(target)) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        body.write(bytes);
        console().print(bytes.toString(StandardCharsets.UTF_8));
        return;
      }
      Path file = Path.of(target);
      try (OutputStream out = Files.newOutputStream(file)) {
        body.write(out);
      }
    }

    /** What writes the table to a stream. */
    private interface Body {
      void write(OutputStream out) throws IOException;
    }
  }
}
