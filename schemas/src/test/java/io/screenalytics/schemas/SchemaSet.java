package io.screenalytics.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * A folder of {@code .avsc} files parsed together, as the build's avro-maven-plugin parses
 * {@code src/main/avro}: the shared files ({@link #IMPORTS}, the pom's {@code <imports>}) first, then the others in
 * name order, one {@link Schema.Parser} for all, so a file may use the types of the files before it.
 *
 * @param folder the folder read
 * @param types  every named type (record, enum, fixed) the folder defines, by full name, in parse order
 */
record SchemaSet(Path folder, Map<String, Schema> types) {

  /** The files the others use, parsed first (schemas/pom.xml, avro-maven-plugin {@code <imports>}). */
  static final List<String> IMPORTS = List.of("common.avsc", "scene_transition.avsc");

  /** The current schemas, {@code src/main/avro} of this module. */
  static SchemaSet current() {
    return read(Path.of("src/main/avro"));
  }

  /**
   * The schemas of the latest release kept under {@code src/test/resources/released/<version>/} (versions compared
   * number by number: 0.10.0 after 0.9.0).
   *
   * @throws IllegalStateException if no release folder exists
   */
  static SchemaSet latestRelease() {
    Path released = Path.of("src/test/resources/released");
    try (Stream<Path> versions = Files.list(released)) {
      Path latest = versions.filter(Files::isDirectory).max(Comparator.comparing(SchemaSet::versionKey))
          .orElseThrow(() -> new IllegalStateException("no release folder under " + released.toAbsolutePath()));
      return read(latest);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + released.toAbsolutePath(), e);
    }
  }

  /**
   * Parses every {@code .avsc} file of {@code folder}.
   *
   * @throws UncheckedIOException if a file cannot be read
   * @throws org.apache.avro.SchemaParseException if a file is not valid Avro (the message names the file)
   */
  static SchemaSet read(Path folder) {
    List<Path> files;
    try (Stream<Path> all = Files.list(folder)) {
      files = new ArrayList<>(all.filter(p -> p.toString().endsWith(".avsc")).sorted(Comparator.comparing(
          (Path p) -> IMPORTS.contains(p.getFileName().toString()) ? IMPORTS.indexOf(p.getFileName().toString()) : IMPORTS.size())
          .thenComparing(p -> p.getFileName().toString())).toList());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder.toAbsolutePath(), e);
    }
    Schema.Parser parser = new Schema.Parser();
    for (Path file : files) {
      try {
        parser.parse(file.toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      } catch (RuntimeException e) {
        throw new org.apache.avro.SchemaParseException(file + ": " + e.getMessage());
      }
    }
    return new SchemaSet(folder, new LinkedHashMap<>(parser.getTypes()));
  }

  /**
   * What stops this set (the reader) from reading data written with {@code released} (the writer): per named type
   * of the release, a type this set no longer defines, or Avro's description of each incompatibility
   * ({@link SchemaCompatibility#checkReaderWriterCompatibility}: kind, location in the schema, message).
   *
   * @return one line per problem; empty when every released type can be read (BACKWARD compatible)
   */
  List<String> backwardProblems(SchemaSet released) {
    List<String> problems = new ArrayList<>();
    released.types().forEach((name, writer) -> {
      Schema reader = types.get(name);
      if (reader == null) {
        problems.add(name + ": defined in " + released.folder() + " but no longer in " + folder);
        return;
      }
      SchemaPairCompatibility result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
      if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
        result.getResult().getIncompatibilities().forEach(i -> problems.add(name + ": " + i.getType() + " at "
            + i.getLocation() + ": " + i.getMessage()));
      }
    });
    return problems;
  }

  private static String versionKey(Path folder) {
    StringBuilder key = new StringBuilder();
    for (String part : folder.getFileName().toString().split("\\.")) {
      key.append(String.format("%010d", part.matches("\\d+") ? Long.parseLong(part) : 0L));
    }
    return key.toString();
  }
}
