package io.screenalytics.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every subcommand given a mistake ends with status {@value UserErrors#EXIT} and one {@code error:} line naming the
 * cause, no stack trace; {@code run} says so before it starts the cluster.
 */
class UserErrorsIT {

  private static final Path CLIP = Path.of("..", "..", "shared", "media", "video", "short_hamilton_clip.mp4");

  @TempDir
  static Path dir;

  private static Path empty;
  private static Path castWithLabels;

  @BeforeAll
  static void files() throws IOException {
    empty = Files.createFile(dir.resolve("empty.mp4"));
    Path person = Files.createDirectories(dir.resolve("cast/Barack Obama"));
    Files.copy(Path.of("..", "..", "shared", "faces", "face_recognition", "examples", "obama.jpg"),
        person.resolve("obama.jpg"));
    Files.writeString(person.resolve("labels.csv"), "name,photo\n");
    castWithLabels = dir.resolve("cast");
  }

  static Stream<Arguments> mistakes() {
    String clip = CLIP.toString();
    String store = dir.resolve("store").toString();
    String none = dir.resolve("no-such-file").toString();
    return Stream.of(
        Arguments.of(List.of(), "Missing required subcommand"),
        Arguments.of(List.of("frobnicate"), "frobnicate"),
        Arguments.of(List.of("run", "--video", clip, "--bogus"), "Unknown option: '--bogus'"),
        Arguments.of(List.of("run"), "run needs a video: --video FILE (repeatable) or --videos DIR"),
        Arguments.of(List.of("run", "--video"), "Missing required parameter for option '--video'"),
        Arguments.of(List.of("run", "--video", none), "not found or not readable: " + none),
        Arguments.of(List.of("run", "--video", empty.toString()), "is empty"),
        Arguments.of(List.of("run", "--video", dir.toString()), "is not a regular file"),
        Arguments.of(List.of("run", "--video", clip, "--timeout", "soon"), "Invalid value for option '--timeout': cannot convert 'soon'"),
        Arguments.of(List.of("run", "--video", clip, "--set", "decoder.stride=abc"),
            "decoder.stride: Invalid value abc"),
        Arguments.of(List.of("run", "--video", clip, "--set", "stride"), "KEY=VALUE"),
        Arguments.of(List.of("run", "--video", clip, "--set", "decoder.strid=3"),
            "unknown setting decoder.strid (did you mean decoder.stride?)"),
        Arguments.of(List.of("ingest", "--video", "x.mp4", "--set", "bootstrap.server=h:9092"),
            "unknown setting bootstrap.server (did you mean bootstrap.servers?)"),
        Arguments.of(List.of("service", "embed", "--set", "embed.loop.max.pol.records=8"),
            "unknown setting embed.loop.max.pol.records (did you mean embed.loop.max.poll.records?)"),
        Arguments.of(List.of("topics", "--set", "topics.replication.factr=3"),
            "unknown setting topics.replication.factr (did you mean topics.replication.factor?)"),
        Arguments.of(List.of("review", "--out", store, "--set", "store.s3.bukket=b"),
            "unknown setting store.s3.bukket (did you mean store.s3.bucket?)"),
        Arguments.of(List.of("facebank", "list", "--out", store, "--set", "models.dri=/m"),
            "unknown setting models.dri (did you mean models.dir?)"),
        Arguments.of(List.of("name", "e1", "unknown_01", "--as", "A", "--out", store, "--set", "facebank.nam=x"),
            "unknown setting facebank.nam (did you mean facebank.name?)"),
        Arguments.of(List.of("run", "--video", clip, "--episode-id", "../up"), "invalid episode id"),
        Arguments.of(List.of("run", "--video", clip, "--cast", none), none),
        Arguments.of(List.of("run", "--video", clip, "--config", none), none),
        Arguments.of(List.of("ingest"), "Missing required option: '--video"),
        Arguments.of(List.of("ingest", "--video", "x.mp4", "--stride", "three"), "Invalid value for option '--stride'"),
        Arguments.of(List.of("ingest", "--video", "x.mp4", "--episode-id", "a/b"), "invalid episode id"),
        Arguments.of(List.of("service"), "Missing required parameter: 'SERVICE'"),
        Arguments.of(List.of("service", "decode"), "unknown service 'decode'"),
        Arguments.of(List.of("service", "decoder", "--set", "decoder.stride=0"), "decoder.stride"),
        Arguments.of(List.of("topics", "--replication-factor", "many"), "'--replication-factor'"),
        Arguments.of(List.of("topics", "--config", none), none),
        Arguments.of(List.of("facebank"), "Missing required subcommand"),
        Arguments.of(List.of("facebank", "add", "--out", store, "--name", "A", none), none),
        Arguments.of(List.of("facebank", "add", "--out", store, none), "Missing required option: '--name"),
        Arguments.of(List.of("facebank", "list", "--out", store, "--facebank", "../etc"), "invalid facebank name"),
        Arguments.of(List.of("facebank", "remove", "--out", store, "--name", "A"), "facebanks/default.json"),
        Arguments.of(List.of("facebank", "remove", "--out", store), "Missing required option: '--name"),
        Arguments.of(List.of("rescore"), "Missing required parameter: 'EPISODE'"),
        Arguments.of(List.of("rescore", "no_such_episode", "--out", store), "no_such_episode"),
        Arguments.of(List.of("rescore", "no_such_episode", "--out", store, "--set", "assembly.nope=1"),
            "unknown setting assembly.nope"),
        Arguments.of(List.of("eval", "--set", "assembly.facebank.min.similarit=0.3"),
            "unknown setting assembly.facebank.min.similarit (did you mean assembly.facebank.min.similarity?)"),
        Arguments.of(List.of("name", "no_such_episode", "unknown_01", "--as", "A", "--out", store), "no_such_episode"),
        Arguments.of(List.of("name", "no_such_episode", "unknown_01", "--out", store), "Missing required option: '--as"),
        Arguments.of(List.of("name", "e1", "unknown_01", "--as", "A", "--facebank", "../x", "--out", store),
            "invalid facebank name"),
        Arguments.of(List.of("reject", "no_such_episode", "unknown_01", "--out", store), "Missing required option: '--not"),
        Arguments.of(List.of("merge", "no_such_episode", "unknown_01", "--out", store), "Missing required parameter: 'B'"),
        Arguments.of(List.of("split", "no_such_episode", "unknown_01", "--track", "x", "--out", store),
            "Invalid value for option '--track'"),
        Arguments.of(List.of("undo", "../up", "--out", store), "invalid episode id"),
        Arguments.of(List.of("review", "--port", "http", "--out", store), "Invalid value for option '--port'"),
        Arguments.of(List.of("run", "--video", clip, "--set", "facebank.name=../x"), "invalid facebank name"),
        Arguments.of(List.of("eval", "--faces", none), none),
        Arguments.of(List.of("eval", "--bogus"), "Unknown option: '--bogus'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mistakes")
  void shouldEndAMistakeWithOneErrorLineAndStatus2(List<String> args, String cause) {
    // When a subcommand is given a mistake
    CommandRun run = CommandRun.of(args.toArray(String[]::new));

    // Then it exits with 2 and one error line naming the cause, before any work
    assertThat(run.exit()).as("exit of %s; err: %s", args, run.err()).isEqualTo(UserErrors.EXIT);
    assertThat(run.err().lines().toList()).as("stderr of %s", args).singleElement().asString()
        .startsWith("error: ").contains(cause);
    assertThat(run.out() + run.err()).doesNotContain("Exception").doesNotContain("\tat ")
        .doesNotContain("starting Kafka broker");
  }

  @Test
  void shouldSkipFilesOfTheCastFolderThatAreNotImagesWithOneWarningAndGoOn() {
    // Given a cast folder holding a labels.csv beside the photo
    // When the episode is run with it
    CommandRun run = CommandRun.of("run", "--video", CLIP.toString(), "--cast", castWithLabels.toString(), "--out",
        dir.resolve("cast-run").toString());

    // Then one warning line names the file, and the episode completes with the photo enrolled
    assertThat(run.exit()).as("exit; err: %s", run.err()).isZero();
    assertThat(run.err().lines().toList()).containsExactly("warning: cast " + castWithLabels
        + ": 1 file skipped, not an image: " + Path.of("Barack Obama", "labels.csv"));
    assertThat(run.out()).contains("cast facebank facebanks/cast.json: 1 people from 1 photos")
        .contains("COMPLETED").contains("Barack Obama");
  }

  @Test
  void shouldRefuseAMissingVideoBeforeStartingTheCluster() throws Exception {
    // Given the packaged launcher, as users run it
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "screenalytics-launcher.jar").toString(), "run", "--video", "/missing.mp4"));
    Path err = dir.resolve("missing-video.err");

    // When run is given a video that does not exist
    long t0 = System.nanoTime();
    Process p = new ProcessBuilder(command).redirectError(err.toFile()).redirectOutput(dir.resolve("out").toFile())
        .start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    double seconds = (System.nanoTime() - t0) / 1e9;

    // Then the process says so in one line on stderr, nothing on stdout, and exits with 2
    assertThat(p.exitValue()).isEqualTo(UserErrors.EXIT);
    assertThat(Files.readAllLines(err, StandardCharsets.UTF_8))
        .containsExactly("error: not found or not readable: /missing.mp4 (no such video file)");
    assertThat(dir.resolve("out")).isEmptyFile();
    System.out.printf("UserErrorsIT: run --video /missing.mp4 refused in %.2f s%n", seconds);
  }

  @Test
  void shouldRefuseUnknownSettingsBeforeStartingAnything() throws Exception {
    // Given the packaged launcher, a typo in --set and one in a SCREENALYTICS_ variable, beside the variables of
    // other programs (the script's, logback's, the local cluster's, docker compose's) and a real setting
    Path store = dir.resolve("typo-store");
    Path err = dir.resolve("typo.err");
    Path out = dir.resolve("typo.out");
    ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", Path.of("target", "screenalytics-launcher.jar").toString(), "run", "--video", CLIP.toString(),
        "--out", store.toString(), "--set", "decoder.strid=3").redirectError(err.toFile()).redirectOutput(out.toFile());
    builder.environment().put("SCREENALYTICS_DETECT_MIN_FACE_PIX", "60");
    builder.environment().put("SCREENALYTICS_JAVA_OPTS", "-Xmx1g");
    builder.environment().put("SCREENALYTICS_LOG_LEVEL", "INFO");
    builder.environment().put("SCREENALYTICS_CLUSTER_MODE", "in-process");
    builder.environment().put("SCREENALYTICS_MEDIA", "/media");
    builder.environment().put("SCREENALYTICS_DECODER_CPU_QUOTA", "1.0");

    // When run is started with them
    long t0 = System.nanoTime();
    Process p = builder.start();
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
    double seconds = (System.nanoTime() - t0) / 1e9;

    // Then one line names both typos with the closest settings and exits with 2, and nothing was started: no
    // progress on stdout, no log line (services log at INFO here), no store written
    assertThat(p.exitValue()).isEqualTo(UserErrors.EXIT);
    assertThat(Files.readAllLines(err, StandardCharsets.UTF_8)).containsExactly("error: unknown settings "
        + "detect.min.face.pix (from SCREENALYTICS_DETECT_MIN_FACE_PIX; did you mean detect.min.face.px?), "
        + "decoder.strid (did you mean decoder.stride?)");
    assertThat(out).isEmptyFile();
    assertThat(store).doesNotExist();
    System.out.printf("UserErrorsIT: run with two unknown settings refused in %.2f s%n", seconds);
  }
}
