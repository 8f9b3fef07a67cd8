package io.screenalytics.launcher;

import io.screenalytics.asd.AsdService;
import io.screenalytics.asd.service.AsdConfig;
import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.assembly.service.AssemblyServiceConfig;
import io.screenalytics.decoder.DecoderService;
import io.screenalytics.decoder.service.DecoderConfig;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.detecttrack.service.DetectTrackConfig;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.embed.service.EmbedConfig;
import io.screenalytics.runtime.config.KnownSettings;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.WorkerService;
import io.screenalytics.voice.service.VoiceConfig;
import io.screenalytics.voice.service.VoiceService;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.common.config.ConfigException;

/** The pipeline's services, in pipeline order, each with its factory. */
enum ServiceKind {
  DECODER("decoder", DecoderService::create, DecoderConfig::from, DecoderConfig::known),
  DETECT_TRACK("detect-track", DetectTrackService::create, DetectTrackConfig::from, DetectTrackConfig::known),
  EMBED("embed", EmbedService::create, EmbedConfig::from, EmbedConfig::known),
  VOICE("voice", VoiceService::create, VoiceConfig::from, VoiceConfig::known),
  ASD("asd", AsdService::create, AsdConfig::from, AsdConfig::known),
  ASSEMBLY("assembly", AssemblyService::create, AssemblyServiceConfig::from, AssemblyServiceConfig::known);

  final String serviceName;
  private final Function<Settings, WorkerService<?>> factory;
  private final Function<Settings, ?> config;
  private final Supplier<KnownSettings> known;

  ServiceKind(String serviceName, Function<Settings, WorkerService<?>> factory, Function<Settings, ?> config,
      Supplier<KnownSettings> known) {
    this.serviceName = serviceName;
    this.factory = factory;
    this.config = config;
    this.known = known;
  }

  /** The names of every setting some service reads, from their declarations. */
  static KnownSettings knownSettings() {
    KnownSettings all = KnownSettings.none();
    for (ServiceKind kind : values()) {
      all = all.and(kind.known.get());
    }
    return all;
  }

  /**
   * Parses every service's settings without building anything (no model, consumer or store opened), so that a
   * mistake is reported before any work starts.
   *
   * @throws IllegalArgumentException naming every invalid setting of every service, once each
   */
  static void validateAll(Settings settings) {
    Set<String> problems = new LinkedHashSet<>();
    for (ServiceKind kind : values()) {
      try {
        kind.config.apply(settings);
      } catch (IllegalArgumentException | ConfigException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", problems));
    }
  }

  /** Parses a service name such as {@code detect-track}. */
  static final class Converter implements picocli.CommandLine.ITypeConverter<ServiceKind> {
    @Override
    public ServiceKind convert(String value) {
      for (ServiceKind k : values()) {
        if (k.serviceName.equalsIgnoreCase(value)) {
          return k;
        }
      }
      throw new picocli.CommandLine.TypeConversionException("unknown service '" + value
          + "': expected decoder, detect-track, embed, voice, asd or assembly");
    }
  }

  /** Builds (not starts) the service from settings. */
  WorkerService<?> create(Settings settings) {
    return factory.apply(settings);
  }
}
