package io.screenalytics.identities.facebank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.identities.SyntheticEpisode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FacebankJsonTest {

  @Test
  void shouldRoundTripBitExactAndWriteIdenticalBytes(@TempDir Path dir) throws IOException {
    SyntheticEpisode gen = new SyntheticEpisode("e", 30, 6, 60, 4);
    Facebank bank = Facebank.builder()
        .add("Zoe", new FacebankSeed(gen.person("z"), "zoe.jpg", "fr_feature"))
        .add("Ann", new FacebankSeed(gen.person("a"), "ann_1.jpg", "fr_feature"))
        .add("Ann", new FacebankSeed(gen.person("a2"), "ann_2.jpg", "fr_feature", null,
            new PhotoFace(new float[] {10.5f, 20f, 110f, 140.25f}, 3, 0.4125)))
        .add("Zoe", new FacebankSeed(gen.person("z2"), "zoe_2.jpg", "fr_feature", null,
            new PhotoFace(new float[] {1, 2, 3, 4}, 1, Double.NaN)))
        .build();
    Path file = dir.resolve("cast/facebank.json");
    FacebankJson.write(file, bank);
    Facebank back = FacebankJson.read(file);

    assertThat(back.names()).containsExactly("Ann", "Zoe");
    assertThat(back.seeds("Ann")).extracting(FacebankSeed::sourcePhoto)
        .containsExactly("ann_1.jpg", "ann_2.jpg");
    assertThat(back.seeds("Zoe").get(0).embedding()).containsExactly(gen.person("z"));
    PhotoFace face = back.seeds("Ann").get(1).photoFace();
    assertThat(face.bboxXyxy()).containsExactly(10.5f, 20f, 110f, 140.25f);
    assertThat(face.facesInPhoto()).isEqualTo(3);
    assertThat(face.agreement()).isEqualTo(0.4125);
    assertThat(back.seeds("Zoe").get(1).photoFace().agreement()).isNaN();
    assertThat(back.seeds("Ann").get(0).photoFace()).isNull();
    assertThat(FacebankJson.toJson(back)).isEqualTo(Files.readAllBytes(file));
    assertThat(Files.readString(file)).contains("\"source_photo\"", "\"schema_version\" : 1", "\"photo_face\"",
        "\"faces_in_photo\" : 3", "\"agreement\" : 0.4125");
  }

  @Test
  void shouldRejectSeedsWhoseDimsDisagree() {
    byte[] json = ("{\"schema_version\":1,\"people\":[{\"name\":\"A\",\"seeds\":[{\"source_photo\":\"a\","
        + "\"model\":\"m\",\"dims\":3,\"embedding\":[1.0,0.0]}]}]}").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> FacebankJson.fromJson(json)).isInstanceOf(IOException.class)
        .hasMessageContaining("dims 3");
  }
}
