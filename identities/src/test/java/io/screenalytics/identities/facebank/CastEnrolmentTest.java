package io.screenalytics.identities.facebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CastEnrolmentTest {

  @TempDir
  Path dir;

  @Test
  void shouldSkipFilesThatAreNotImagesBesideTheCastPhotos() throws IOException {
    // Given a cast folder whose person folders hold photos, a labels.csv and a .DS_Store
    Path lin = Files.createDirectories(dir.resolve("Lin-Manuel Miranda"));
    Path obama = Files.createDirectories(dir.resolve("Barack Obama"));
    Files.writeString(lin.resolve("a.JPG"), "jpeg bytes");
    Files.writeString(lin.resolve("labels.csv"), "name,photo\n");
    Files.writeString(obama.resolve("b.png"), "png bytes");
    Files.writeString(obama.resolve(".DS_Store"), "");
    Files.writeString(dir.resolve("README.txt"), "not a person");

    // When it is listed
    CastEnrolment.Listing listing = CastEnrolment.list(dir);

    // Then the photos are listed by person and the other files reported as skipped
    assertThat(listing.photos()).containsExactly(
        new CastEnrolment.CastPhoto("Barack Obama", obama.resolve("b.png")),
        new CastEnrolment.CastPhoto("Lin-Manuel Miranda", lin.resolve("a.JPG")));
    assertThat(listing.skipped()).containsExactly(obama.resolve(".DS_Store"), lin.resolve("labels.csv"));
  }

  @Test
  void shouldRefuseAFolderWithoutPhotos() throws IOException {
    // Given a cast folder whose only file is not an image
    Files.writeString(Files.createDirectories(dir.resolve("A")).resolve("labels.csv"), "");

    // When / Then listing names the folder
    assertThatThrownBy(() -> CastEnrolment.list(dir)).isInstanceOf(IOException.class)
        .hasMessageContaining("no cast photos in " + dir);
  }
}
