package io.screenalytics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad input that must fail before, or because, the registry is asked; no registry runs here. */
class RegistryAvroDeserializerTest {

  private final String registryUrl = Registries.unreachable();
  private final RegistryAvroDeserializer deserializer = new RegistryAvroDeserializer();

  @BeforeEach
  void configure() {
    deserializer.configure(Map.of(RegistryAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), false);
  }

  @AfterEach
  void close() {
    deserializer.close();
  }

  @Test
  void shouldPassATombstoneThroughAsNull() {
    assertThat(deserializer.deserialize("faces", null)).isNull();
  }

  @Test
  void shouldRejectBytesTooShortToHoldTheHeaderNamingTopicSubjectAndRegistry() {
    assertThatThrownBy(() -> deserializer.deserialize("faces", new byte[] {0, 0, 1}))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("too short")
        .hasMessageContaining("'faces'")
        .hasMessageContaining("'faces-value'")
        .hasMessageContaining(registryUrl);
  }

  @Test
  void shouldRejectAnUnknownMagicByte() {
    // a poison pill: plain JSON where an Avro record was expected
    byte[] json = "{\"episodeId\":\"e1\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    assertThatThrownBy(() -> deserializer.deserialize("faces", json))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("unknown magic byte 0x7b")
        .hasMessageContaining("'faces-value'")
        .hasMessageContaining(registryUrl);
  }

  @Test
  void shouldReportAnUnreachableRegistryWithTheSchemaId() {
    byte[] wellFormed = {0, 0, 0, 0, 7, 2, 'h', 'i'};

    assertThatThrownBy(() -> deserializer.deserialize("faces", wellFormed))
        .isInstanceOf(SerializationException.class)
        .hasMessageContaining("schema registry unreachable fetching schema id 7")
        .hasMessageContaining("'faces'")
        .hasMessageContaining(registryUrl);
  }

  @Test
  void shouldNameTheKeySubjectWhenDeserializingKeys() {
    RegistryAvroDeserializer keys = new RegistryAvroDeserializer();
    keys.configure(Map.of(RegistryAvroSerdeConfig.SCHEMA_REGISTRY_URL, registryUrl), true);
    try {
      assertThatThrownBy(() -> keys.deserialize("faces", new byte[] {1}))
          .hasMessageContaining("'faces-key'");
    } finally {
      keys.close();
    }
  }

  @Test
  void shouldRequireTheRegistryUrl() {
    RegistryAvroDeserializer unconfigured = new RegistryAvroDeserializer();
    assertThatThrownBy(() -> unconfigured.configure(Map.of(), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(RegistryAvroSerdeConfig.SCHEMA_REGISTRY_URL);
    assertThatThrownBy(() -> unconfigured.configure(
            Map.of(RegistryAvroSerdeConfig.SCHEMA_REGISTRY_URL, "localhost:8081"), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("http");
  }
}
