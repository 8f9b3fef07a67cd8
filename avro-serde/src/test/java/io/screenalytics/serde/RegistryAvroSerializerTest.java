package io.screenalytics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import io.screenalytics.serde.test.TestFace;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Failures that need no running registry; round trips are in {@code RegistryAvroSerdeIT}. */
class RegistryAvroSerializerTest {

  private final String registryUrl = Registries.unreachable();
  private final RegistryAvroSerializer serializer = new RegistryAvroSerializer();

  @BeforeEach
  void configure() {
    serializer.configure(Map.of(RegistryAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
  }

  @AfterEach
  void close() {
    serializer.close();
  }

  @Test
  void shouldPassNullThroughAsATombstone() {
    assertThat(serializer.serialize("faces", null)).isNull();
  }

  @Test
  void shouldReportAnUnreachableRegistryNamingTopicSubjectAndRegistry() {
    TestFace face = TestFace.newBuilder().setEpisodeId("e1").setFrameIndex(3)
        .setBox(java.util.List.of(1f, 2f, 3f, 4f)).setEmbedding(java.nio.ByteBuffer.wrap(new byte[] {1})).build();

    assertThatThrownBy(() -> serializer.serialize("faces", face))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema registry unreachable")
        .hasMessageContaining("'faces'")
        .hasMessageContaining("'faces-value'")
        .hasMessageContaining(registryUrl);
  }

  @Test
  void shouldRejectATypeAvroCannotDescribe() {
    assertThatThrownBy(() -> serializer.serialize("faces", java.time.Instant.EPOCH))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("java.time.Instant")
        .hasMessageContaining("'faces-value'");
  }

  @Test
  void shouldRefuseToSerializeBeforeConfigure() {
    try (RegistryAvroSerializer unconfigured = new RegistryAvroSerializer()) {
      assertThatThrownBy(() -> unconfigured.serialize("faces", "x"))
          .isInstanceOf(IllegalStateException.class);
    }
  }
}
