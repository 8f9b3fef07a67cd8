package io.screenalytics.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.runtime.kafka.LoopConfig;
import io.screenalytics.runtime.service.ServiceSettings;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class KnownSettingsTest {

  /** A decoder-like service: its own settings under {@code decoder.}, plus what every service has. */
  private static final ConfigDef DECODER = new ConfigDef()
      .define("stride", Type.INT, 6, Importance.HIGH, "stride")
      .define("sampling", Type.STRING, "fast", Importance.LOW, "sampling")
      .define("scene.cut.ratio", Type.DOUBLE, 3.0, Importance.LOW, "ratio");
  private static final ConfigDef DETECT = new ConfigDef()
      .define("stride.hint", Type.INT, 6, Importance.LOW, "a detect setting near decoder.stride");
  private static final KnownSettings KNOWN = KnownSettings.of("decoder.", DECODER)
      .and(ServiceSettings.known("decoder", "decoder."))
      .and("detect.", DETECT).and(ServiceSettings.known("detect-track", "detect."))
      .and("", TopicSettings.DEF).and("", ServiceSettings.MODELS_DEF);

  @Test
  void shouldRefuseATypoInOneLineWithTheClosestKnownName() {
    // Given a mistyped decoder setting
    Settings settings = Settings.of(Map.of("decoder.strid", "3"));

    // When checked, Then it is refused, naming the decoder setting it resembles
    assertThatThrownBy(() -> KNOWN.check(settings)).isInstanceOf(ConfigException.class)
        .hasMessage("unknown setting decoder.strid (did you mean decoder.stride?)");
  }

  @Test
  void shouldSuggestFromTheSameFamilyFirstThenFromAll() {
    // the family's own names first: detect.cpu.quot is one edit from detect.cpu.quota, three from decoder.cpu.quota
    assertThat(KNOWN.closest("detect.cpu.quot")).contains("detect.cpu.quota");
    assertThat(KNOWN.closest("decoder.cpu.quot")).contains("decoder.cpu.quota");
    // a swap of neighbours is one edit
    assertThat(KNOWN.closest("decoder.sampilng")).contains("decoder.sampling");
    // a wrong family: the closest of all
    assertThat(KNOWN.closest("decode.stride")).contains("decoder.stride");
    // nothing close: no suggestion
    assertThat(KNOWN.closest("decoder.xyzzy")).isEmpty();
    assertThatThrownBy(() -> KNOWN.check(Settings.of(Map.of("frobnicate", "1"))))
        .hasMessage("unknown setting frobnicate");
  }

  @Test
  void shouldCountEditsAsOptimalStringAlignment() {
    assertThat(KnownSettings.distance("stride", "stride")).isZero();
    assertThat(KnownSettings.distance("strid", "stride")).isEqualTo(1);
    assertThat(KnownSettings.distance("sampilng", "sampling")).isEqualTo(1);
    assertThat(KnownSettings.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(KnownSettings.distance("", "abc")).isEqualTo(3);
  }

  @Test
  void shouldKnowThePrefixedFamiliesEveryServiceHas() {
    // loop, service and process settings under each service's prefix, from their declarations
    for (String name : new String[] {"decoder.loop.max.poll.records", "detect.loop.retry.backoff.initial.ms",
        "decoder.cpu.quota", "detect.max.episode.attempts", "decoder.metrics.port", "metrics.port",
        "decoder.group.id", "bootstrap.servers", "schema.registry.url", "models.dir", "topics.min.insync.replicas"}) {
      assertThat(KNOWN.knows(name)).as(name).isTrue();
    }
    assertThat(KNOWN.names()).contains("decoder." + LoopConfig.MAX_POLL_RECORDS)
        .doesNotContain(LoopConfig.MAX_POLL_RECORDS, "embed.cpu.quota");
    assertThatThrownBy(() -> KNOWN.check(Settings.of(Map.of("decoder.loop.max.pol.records", "8"))))
        .hasMessage("unknown setting decoder.loop.max.pol.records (did you mean decoder.loop.max.poll.records?)");
  }

  @Test
  void shouldPassKafkasOwnClientSettingsThroughUnchecked() {
    Settings settings = Settings.of(Map.of("kafka.security.protocol", "SASL_SSL",
        "kafka.sasl.jaas.config", "x", "kafka.any.future.client.setting", "1"));

    KNOWN.check(settings);

    assertThat(KNOWN.unknown(settings)).isEmpty();
  }

  @Test
  void shouldListEveryUnknownSettingOnOneLine() {
    Settings settings = Settings.of(new java.util.TreeMap<>(Map.of("decoder.strid", "3", "detect.cpu.qouta", "2",
        "decoder.stride", "3")));

    assertThatThrownBy(() -> KNOWN.check(settings)).hasMessage("unknown settings decoder.strid (did you mean "
        + "decoder.stride?), detect.cpu.qouta (did you mean detect.cpu.quota?)");
  }

  @Test
  void shouldCheckEnvironmentVariablesOfSettingFamiliesAndLeaveOtherProgramsVariablesAlone() {
    // Given the variables a deployment and the screenalytics script set, and one typo of a decoder setting
    Map<String, String> env = Map.of(
        "SCREENALYTICS_JAVA_OPTS", "-Xmx1g",                // the screenalytics script's
        "SCREENALYTICS_LOG_LEVEL", "INFO",                  // logback's
        "SCREENALYTICS_CLUSTER_MODE", "in-process",         // the local cluster's
        "SCREENALYTICS_REGISTRY_URL", "http://x:8080",      // the local cluster's (not schema.registry.url)
        "SCREENALYTICS_MODELS", "/models",                  // docker compose's
        "SCREENALYTICS_MODELS_DIR", "/models",              // models.dir
        "SCREENALYTICS_DECODER_CPU_QUOTA", "1.0",
        "SCREENALYTICS_KAFKA_SASL_MECHANISM", "SCRAM-SHA-512",
        "PATH", "/usr/bin");

    // Then the legitimate ones pass
    Settings ok = Settings.load(null, env, Map.of());
    KNOWN.check(ok);
    assertThat(ok.variable("decoder.cpu.quota")).contains("SCREENALYTICS_DECODER_CPU_QUOTA");
    assertThat(ok.asMap()).containsEntry("decoder.cpu.quota", "1.0").containsEntry("models.dir", "/models");

    // And a typo in a setting family is refused, naming the variable
    Map<String, String> typo = new java.util.HashMap<>(env);
    typo.put("SCREENALYTICS_DECODER_STRID", "3");
    assertThatThrownBy(() -> KNOWN.check(Settings.load(null, typo, Map.of()))).hasMessage(
        "unknown setting decoder.strid (from SCREENALYTICS_DECODER_STRID; did you mean decoder.stride?)");

    // And a name outside every family is refused from --set, though a variable of that name is left alone
    assertThatThrownBy(() -> KNOWN.check(Settings.load(null, env, Map.of("log.level", "INFO"))))
        .hasMessageStartingWith("unknown setting log.level");
  }

  @Test
  void shouldForgetTheVariableOfAValueOverriddenLater() {
    Settings s = Settings.load(null, Map.of("SCREENALYTICS_DECODER_STRIDE", "3"), Map.of("decoder.stride", "4"));

    assertThat(s.variable("decoder.stride")).isEmpty();
    assertThat(Settings.load(null, Map.of("SCREENALYTICS_DECODER_STRIDE", "3"), Map.of())
        .with(Map.of("decoder.stride", "5")).variable("decoder.stride")).isEmpty();
  }
}
