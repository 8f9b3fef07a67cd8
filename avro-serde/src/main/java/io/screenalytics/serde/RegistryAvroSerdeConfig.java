package io.screenalytics.serde;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Settings of {@link RegistryAvroSerializer} and {@link RegistryAvroDeserializer}, named as Confluent's serdes name
 * them so producer and consumer configurations carry over. Declared once in {@link #CONFIG_DEF};
 * {@code CONFIG_DEF.toHtml()} renders the reference.
 */
public final class RegistryAvroSerdeConfig extends AbstractConfig {

  /** Base URL of a Confluent-compatible schema registry. Required. */
  public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
  /** Whether the serializer registers unknown schemas (true) or only looks them up (false). */
  public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
  /** Whether the deserializer returns generated SpecificRecord classes when they are on the classpath. */
  public static final String SPECIFIC_AVRO_READER = "specific.avro.reader";

  /** The declarations: name, type, default, validator and documentation of every setting. */
  public static final ConfigDef CONFIG_DEF = new ConfigDef()
      .define(SCHEMA_REGISTRY_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new HttpUrl(), Importance.HIGH,
          "Base URL of a Confluent-compatible schema registry, e.g. http://127.0.0.1:8081 (Confluent) or "
              + "http://127.0.0.1:8080/apis/ccompat/v7 (Apicurio). One URL.")
      .define(AUTO_REGISTER_SCHEMAS, Type.BOOLEAN, true, Importance.MEDIUM,
          "Serializer: register the record's schema under <topic>-value / <topic>-key if missing. When false "
              + "the schema must already be registered under that subject, or serializing fails.")
      .define(SPECIFIC_AVRO_READER, Type.BOOLEAN, true, Importance.MEDIUM,
          "Deserializer: return the generated SpecificRecord class named by the writer schema when it is on "
              + "the classpath (resolving the writer schema to the class's schema), else a GenericRecord. "
              + "When false always GenericRecord. Unlike Confluent's serde, the default is true.");

  /**
   * Parses and validates {@code configs} (other keys, e.g. the rest of a producer configuration, are ignored).
   *
   * @throws ConfigException if {@value #SCHEMA_REGISTRY_URL} is missing or not an http(s) URL, or a value has the
   *                         wrong type
   */
  public RegistryAvroSerdeConfig(Map<String, ?> configs) {
    super(CONFIG_DEF, configs, false);
  }

  /** The registry base URL without a trailing slash. */
  public String schemaRegistryUrl() {
    String url = getString(SCHEMA_REGISTRY_URL).trim();
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  /** Value of {@value #AUTO_REGISTER_SCHEMAS}. */
  public boolean autoRegisterSchemas() {
    return getBoolean(AUTO_REGISTER_SCHEMAS);
  }

  /** Value of {@value #SPECIFIC_AVRO_READER}. */
  public boolean specificAvroReader() {
    return getBoolean(SPECIFIC_AVRO_READER);
  }

  /** Accepts http:// and https:// URLs only. */
  private static final class HttpUrl implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      String url = value == null ? "" : value.toString().trim();
      if (!url.startsWith("http://") && !url.startsWith("https://")) {
        throw new ConfigException(name, value, "must be an http:// or https:// URL");
      }
    }

    @Override
    public String toString() {
      return "http(s) URL";
    }
  }
}
