package io.screenalytics.decoder.service;

import io.screenalytics.video.decode.SceneCutDetector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.video.decode.SamplingPolicy;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.schemas.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;

class DecoderConfigTest {

  @Test
  void shouldUseTheMeasuredDefaults() {
    DecoderConfig c = DecoderConfig.from(Settings.of(Map.of()));

    assertThat(c.stride()).isEqualTo(6);
    assertThat(c.sampling()).isEqualTo(SamplingPolicy.DEFAULT);
    assertThat(c.maxLongSide()).isEqualTo(DecoderConfig.DEFAULT_MAX_LONG_SIDE);
    assertThat(c.jpegQuality()).isEqualTo(DecoderConfig.DEFAULT_JPEG_QUALITY);
    assertThat(c.cutRatio()).isEqualTo(3.0);
    assertThat(c.cutMinChange()).isEqualTo(SceneCutDetector.DEFAULT_MIN_CHANGE);
    assertThat(c.cutCooldown()).isEqualTo(SceneCutDetector.DEFAULT_COOLDOWN_FRAMES);
    assertThat(c.claimCheckBytes()).isEqualTo(Topics.FRAMES.maxMessageBytes() - 64 * 1024);
    assertThat(c.tempDir()).isEqualTo(Path.of(System.getProperty("java.io.tmpdir")));
    assertThat(c.service().computeThreads()).isEqualTo(1);
    assertThat(c.maxInFlightFrames()).isEqualTo(240);
    assertThat(c.inFlightStall()).isEqualTo(java.time.Duration.ofMinutes(2));
    assertThat(c.chunkSeconds()).as("chunked decoding is off").isZero();
  }

  @Test
  void shouldReadEverySettingAndKeepOnlyStoreSettingsForTheStore() {
    DecoderConfig c = DecoderConfig.from(Settings.of(Map.of(
        "decoder.stride", "3", "decoder.sampling", "fast_stride", "decoder.publish.max.long.side", "0",
        "decoder.jpeg.quality", "80", "decoder.claim.check.bytes", "1000", "decoder.temp.dir", "/var/tmp/x",
        "decoder.cpu.quota", "2", "store.root", "/data/store", "detect.model", "other")));

    assertThat(c.stride()).isEqualTo(3);
    assertThat(c.sampling()).isEqualTo(SamplingPolicy.FAST_STRIDE);
    assertThat(c.maxLongSide()).isZero();
    assertThat(c.jpegQuality()).isEqualTo(80);
    assertThat(c.claimCheckBytes()).isEqualTo(1000);
    assertThat(c.tempDir()).isEqualTo(Path.of("/var/tmp/x"));
    assertThat(c.service().computeThreads()).isEqualTo(2);
    assertThat(c.storeSettings()).containsExactly(Map.entry("store.root", "/data/store"));
    DecoderConfig bounded = DecoderConfig.from(Settings.of(Map.of(
        "decoder.max.in.flight.frames", "20", "decoder.in.flight.stall.ms", "5000")));
    assertThat(bounded.maxInFlightFrames()).isEqualTo(20);
    assertThat(bounded.inFlightStall()).isEqualTo(java.time.Duration.ofSeconds(5));
    assertThat(DecoderConfig.from(Settings.of(Map.of("decoder.max.in.flight.frames", "0"))).maxInFlightFrames())
        .as("0 turns the bound off").isZero();
    assertThat(DecoderConfig.from(Settings.of(Map.of("decoder.chunk.seconds", "120"))).chunkSeconds())
        .isEqualTo(120.0);
  }

  @Test
  void shouldRejectBadValuesIncludingStoreSettingsAtStartUp() {
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("decoder.sampling", "every_frame",
        "decoder.jpeg.quality", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("sampling").hasMessageContaining("jpeg.quality");
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("decoder.publish.max.long.side", "8"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("publish.max.long.side");
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("decoder.claim.check.bytes",
        Integer.toString(Topics.FRAMES.maxMessageBytes())))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("claim.check.bytes");
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("decoder.max.in.flight.frames", "15"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("max.in.flight.frames");
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("decoder.in.flight.stall.ms", "0"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("in.flight.stall.ms");
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("decoder.chunk.seconds", "-1"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("chunk.seconds");
    assertThatThrownBy(() -> DecoderConfig.from(Settings.of(Map.of("store.type", "s3"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("store.s3.bucket");
  }
}
