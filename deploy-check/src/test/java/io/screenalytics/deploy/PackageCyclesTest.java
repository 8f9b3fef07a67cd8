package io.screenalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No module's packages import each other in a circle: each module's main tree is a DAG of packages. */
class PackageCyclesTest {

  @Test
  void shouldFindNoPackageCycleInAnyModule() throws IOException {
    Map<String, List<String>> cycles = new LinkedHashMap<>();
    int modules = 0;
    try (Stream<Path> dirs = Files.list(DeploymentFiles.root())) {
      for (Path module : dirs.sorted().toList()) {
        Path main = module.resolve("src/main/java");
        if (Files.isDirectory(main)) {
          modules++;
          List<String> found = PackageGraph.of(main).cycles();
          if (!found.isEmpty()) cycles.put(module.getFileName().toString(), found);
        }
      }
    }
    assertThat(modules).as("modules with a src/main/java").isGreaterThan(10);
    assertThat(cycles).as("package cycles per module (break them: move the class both sides need)").isEmpty();
  }

  @Test
  void shouldReportACycleWithTheFilesThatMakeIt(@TempDir Path dir) throws IOException {
    // Given a -> b by an import, b -> c by a qualified name in code, c -> a by a static import; d -> a only
    write(dir, "x/a/A.java", "package x.a;\nimport x.b.B;\nclass A { B b; }\n");
    write(dir, "x/b/B.java", "package x.b;\n// x.d.D in a comment is no use\nclass B { x.c.C c; }\n");
    write(dir, "x/c/C.java", "package x.c;\nimport static x.a.A.run;\nclass C { String s = \"x.d.D\"; }\n");
    write(dir, "x/d/D.java", "package x.d;\nimport x.a.*;\nclass D {}\n");

    // When
    List<String> cycles = PackageGraph.of(dir).cycles();

    // Then
    assertThat(cycles).containsExactly("[x.a, x.b, x.c]: x.a -> x.b (x/a/A.java), x.b -> x.c (x/b/B.java), "
        + "x.c -> x.a (x/c/C.java)");
  }

  @Test
  void shouldReadLongStringLiteralsWithoutDeepRegexRecursion(@TempDir Path dir) throws IOException {
    // Given a string literal of 200,000 characters (a report's inline CSS and script are several thousand) with an
    // escaped quote in it: a regex that repeats a group once per character overflowed the stack on a cold JVM in CI
    String big = "a\\\"".repeat(2) + "x.d.D ".repeat(33_333);
    write(dir, "x/a/A.java", "package x.a;\nclass A { String s = \"" + big + "\"; char q = '\\''; x.b.B b; }\n");
    write(dir, "x/b/B.java", "package x.b;\nimport x.a.A;\nclass B {}\n");
    write(dir, "x/d/D.java", "package x.d;\nimport x.a.A;\nclass D {}\n");

    // When, Then: the code after the literal is read (a -> b, so a cycle with b), the literal is not (no a -> d)
    assertThat(PackageGraph.of(dir).cycles()).singleElement().asString().startsWith("[x.a, x.b]:");
  }

  @Test
  void shouldTakeThePackageOfANameUpToItsFirstClass() {
    assertThat(PackageGraph.packageOf("io.screenalytics.identities.voice.EpisodeVoices.VoiceState"))
        .isEqualTo("io.screenalytics.identities.voice");
    assertThat(PackageGraph.packageOf("x.a")).isEqualTo("x.a");
  }

  private static void write(Path dir, String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }
}
