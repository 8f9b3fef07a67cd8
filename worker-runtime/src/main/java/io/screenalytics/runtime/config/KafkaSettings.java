package io.screenalytics.runtime.config;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * How a service reaches the cluster: brokers, schema registry, serde classes and any extra Kafka
 * client settings (SASL, TLS, timeouts) passed through unchanged.
 *
 * @param bootstrapServers  Kafka {@code bootstrap.servers}
 * @param registryUrl       Confluent-compatible schema registry base URL ({@code schema.registry.url})
 * @param valueSerializer   Kafka {@code value.serializer} class for Avro values
 * @param valueDeserializer Kafka {@code value.deserializer} class for Avro values
 * @param clientOverrides   every setting named {@code kafka.<client setting>}, prefix removed,
 *                          applied to all producers, consumers and admin clients (for example
 *                          {@code kafka.security.protocol=SASL_SSL})
 */
public record KafkaSettings(
    String bootstrapServers,
    String registryUrl,
    String valueSerializer,
    String valueDeserializer,
    Map<String, String> clientOverrides) {

  public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
  public static final String REGISTRY_URL = "schema.registry.url";
  public static final String VALUE_SERIALIZER = "value.serializer";
  public static final String VALUE_DESERIALIZER = "value.deserializer";
  public static final String CLIENT_PREFIX = "kafka.";

  /** Default Avro serializer: Confluent wire format on Avro's own encoders. */
  public static final String DEFAULT_SERIALIZER = "io.screenalytics.serde.RegistryAvroSerializer";
  /** Default Avro deserializer, the counterpart of {@link #DEFAULT_SERIALIZER}. */
  public static final String DEFAULT_DESERIALIZER = "io.screenalytics.serde.RegistryAvroDeserializer";

  /** Declarations of these settings. */
  public static final ConfigDef DEF = new ConfigDef()
      .define(BOOTSTRAP_SERVERS, Type.STRING, "localhost:9092", Importance.HIGH,
          "Kafka brokers, host:port[,host:port].")
      .define(REGISTRY_URL, Type.STRING, "http://localhost:8081", Importance.HIGH,
          "Confluent-compatible schema registry URL (Apicurio: http://host:8080/apis/ccompat/v7).")
      .define(VALUE_SERIALIZER, Type.STRING, DEFAULT_SERIALIZER, Importance.LOW,
          "Kafka value serializer class; set io.confluent.kafka.serializers.KafkaAvroSerializer to use Confluent's own.")
      .define(VALUE_DESERIALIZER, Type.STRING, DEFAULT_DESERIALIZER, Importance.LOW,
          "Kafka value deserializer class; it must return Avro SpecificRecords (Confluent: set specific.avro.reader=true).");

  public KafkaSettings {
    clientOverrides = Map.copyOf(clientOverrides);
  }

  /** Parses these settings. */
  public static KafkaSettings from(Settings settings) {
    Map<String, Object> v = settings.parse(DEF);
    return new KafkaSettings(
        (String) v.get(BOOTSTRAP_SERVERS),
        (String) v.get(REGISTRY_URL),
        (String) v.get(VALUE_SERIALIZER),
        (String) v.get(VALUE_DESERIALIZER),
        settings.withPrefix(CLIENT_PREFIX));
  }

  /**
   * These settings with extra client settings that a service needs unless the user set them: {@code defaults}
   * apply, and every explicit {@code kafka.*} setting wins over them (for example embed's {@code fetch.min.bytes}).
   */
  public KafkaSettings withDefaults(Map<String, String> defaults) {
    Map<String, String> merged = new LinkedHashMap<>(defaults);
    merged.putAll(clientOverrides);
    return new KafkaSettings(bootstrapServers, registryUrl, valueSerializer, valueDeserializer, merged);
  }

  /**
   * These settings with extra client settings that a service depends on for correctness: {@code overrides} win
   * over explicit {@code kafka.*} settings (for example assembly's range assignor, which keeps an episode's
   * co-partitioned inputs on one worker).
   */
  public KafkaSettings withOverrides(Map<String, String> overrides) {
    Map<String, String> merged = new LinkedHashMap<>(clientOverrides);
    merged.putAll(overrides);
    return new KafkaSettings(bootstrapServers, registryUrl, valueSerializer, valueDeserializer, merged);
  }

  /**
   * A new instance of the configured {@code value.deserializer}, configured for values with {@code consumerConfig}.
   *
   * @param consumerConfig the consumer's properties (the registry URL among them)
   * @throws IllegalStateException when the class cannot be loaded or instantiated
   */
  @SuppressWarnings("unchecked")
  public <V> Deserializer<V> newValueDeserializer(Map<String, Object> consumerConfig) {
    try {
      Deserializer<V> d = (Deserializer<V>) Class.forName(valueDeserializer).getDeclaredConstructor().newInstance();
      d.configure(consumerConfig, false);
      return d;
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw new IllegalStateException("cannot create value.deserializer " + valueDeserializer, e);
    }
  }

  /** Base client properties: brokers, registry and pass-through overrides. */
  public Map<String, Object> clientProperties() {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put(BOOTSTRAP_SERVERS, bootstrapServers);
    p.put(REGISTRY_URL, registryUrl);
    p.put("specific.avro.reader", "true");
    p.putAll(clientOverrides);
    return p;
  }
}
