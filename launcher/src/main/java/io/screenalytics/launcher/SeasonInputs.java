package io.screenalytics.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The episodes of one {@code run}: each {@code --video} in the order given, then every video file of
 * {@code --videos DIR} sorted by name. A folder's files that are not videos by their extension
 * ({@link #VIDEO_EXTENSIONS}; {@code notes.txt}, {@code .DS_Store}) are skipped, and the caller warns about them in
 * one line; a folder's video that fails the local check ({@link VideoInput#check}: empty, unreadable) becomes a
 * failed episode that is not pushed, so it does not stop the others, while a {@code --video} named on the command
 * line that fails it is refused up front as before. Episode ids come from the file names
 * ({@link io.screenalytics.store.EpisodeIds#fromFileName}); two files giving the same id ({@code e01.mp4} and
 * {@code e01.mkv}) are refused up front, naming both, rather than renamed: ids stay what the file names say.
 *
 * @param episodes the episodes in order
 * @param skipped  the folder's files skipped as not videos, in name order
 */
record SeasonInputs(List<Episode> episodes, List<Path> skipped) {

  /**
   * Extensions taken as videos in a {@code --videos} folder, lower case: containers FFmpeg reads that TV episodes
   * come in.
   */
  static final Set<String> VIDEO_EXTENSIONS = Set.of("mp4", "m4v", "mov", "mkv", "webm", "avi", "ts", "m2ts", "mts",
      "mpg", "mpeg", "vob", "wmv", "asf", "flv", "3gp", "ogv", "mxf", "dv");

  /**
   * One episode of the run.
   *
   * @param id      its episode id
   * @param input   the video, checked unless {@code refused}
   * @param refused why it is not pushed (the local check's message), or null
   */
  record Episode(String id, VideoInput input, String refused) {}

  /**
   * Lists and checks the episodes.
   *
   * @param videos    the {@code --video} values, in order (may be empty)
   * @param folder    the {@code --videos} folder, or null
   * @param episodeId the {@code --episode-id}, allowed with one video only, or null
   * @throws IllegalArgumentException when there is no video at all, the folder is none, {@code --episode-id} comes
   *                                  with several videos, two videos give one id, or a {@code --video} fails its check
   * @throws IOException              when a {@code --video} is missing or the folder cannot be listed
   */
  static SeasonInputs of(List<String> videos, Path folder, String episodeId) throws IOException {
    List<Episode> episodes = new ArrayList<>();
    Map<String, String> sourceOfId = new LinkedHashMap<>();
    for (String video : videos) {
      VideoInput input = VideoInput.check(video);
      episodes.add(new Episode(input.episodeId(null), input, null));
    }
    List<Path> skipped = new ArrayList<>();
    if (folder != null) {
      if (!Files.exists(folder)) {
        throw new NoSuchFileException(folder.toString(), null, "no such folder");
      }
      if (!Files.isDirectory(folder)) {
        throw new IllegalArgumentException("--videos " + folder + " is not a folder");
      }
      List<Path> files;
      try (Stream<Path> listing = Files.list(folder)) {
        files = listing.filter(Files::isRegularFile).sorted().toList();
      }
      for (Path file : files) {
        if (!isVideo(file)) {
          skipped.add(file);
          continue;
        }
        try {
          VideoInput input = VideoInput.check(file.toString());
          episodes.add(new Episode(input.episodeId(null), input, null));
        } catch (IOException | IllegalArgumentException e) {
          VideoInput unchecked = new VideoInput(file.toAbsolutePath().toString(), file.getFileName().toString());
          episodes.add(new Episode(unchecked.episodeId(null), unchecked,
              UserErrors.message(e).orElse(String.valueOf(e.getMessage()))));
        }
      }
      if (episodes.isEmpty()) {
        throw new IllegalArgumentException("--videos " + folder + " holds no video file ("
            + String.join(", ", VIDEO_EXTENSIONS.stream().sorted().map(x -> "." + x).toList()) + ")");
      }
    }
    if (episodes.isEmpty()) {
      throw new IllegalArgumentException("run needs a video: --video FILE (repeatable) or --videos DIR");
    }
    if (episodeId != null) {
      if (episodes.size() > 1) {
        throw new IllegalArgumentException("--episode-id names one episode, but " + episodes.size()
            + " videos were given; their ids come from their file names");
      }
      Episode only = episodes.get(0);
      episodes.set(0, new Episode(only.input().episodeId(episodeId), only.input(), only.refused()));
    }
    for (Episode e : episodes) {
      putUnique(sourceOfId, e.id(), e.input().location());
    }
    return new SeasonInputs(List.copyOf(episodes), List.copyOf(skipped));
  }

  /**
   * Adds episode {@code id} of video {@code source} to {@code sourceOfId}.
   *
   * @throws IllegalArgumentException when another video already gives that id, naming both
   */
  static void putUnique(Map<String, String> sourceOfId, String id, String source) {
    String before = sourceOfId.putIfAbsent(id, source);
    if (before != null) {
      throw new IllegalArgumentException("two videos give episode id " + id + ": " + before + " and " + source
          + "; rename one or run them apart");
    }
  }

  /** Whether {@code file}'s extension is one of {@link #VIDEO_EXTENSIONS}. */
  static boolean isVideo(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot > 0 && VIDEO_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }
}
