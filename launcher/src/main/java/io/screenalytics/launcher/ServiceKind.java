package io.screenalytics.launcher;

import io.screenalytics.assembly.AssemblyService;
import io.screenalytics.decoder.DecoderService;
import io.screenalytics.detecttrack.DetectTrackService;
import io.screenalytics.embed.EmbedService;
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.WorkerService;
import java.util.function.Function;

/** The pipeline's services, in pipeline order, each with its factory. */
enum ServiceKind {
  DECODER("decoder", DecoderService::create),
  DETECT_TRACK("detect-track", DetectTrackService::create),
  EMBED("embed", EmbedService::create),
  ASSEMBLY("assembly", AssemblyService::create);

  final String serviceName;
  private final Function<Settings, WorkerService<?>> factory;

  ServiceKind(String serviceName, Function<Settings, WorkerService<?>> factory) {
    this.serviceName = serviceName;
    this.factory = factory;
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
          + "': expected decoder, detect-track, embed or assembly");
    }
  }

  /** Builds (not starts) the service from settings. */
  WorkerService<?> create(Settings settings) {
    return factory.apply(settings);
  }
}
