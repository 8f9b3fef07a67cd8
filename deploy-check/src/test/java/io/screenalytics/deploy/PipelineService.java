package io.screenalytics.deploy;

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
import io.screenalytics.runtime.config.Settings;
import io.screenalytics.runtime.service.ServiceSettings;
import io.screenalytics.voice.service.VoiceConfig;
import io.screenalytics.voice.service.VoiceService;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;

/**
 * The pipeline's services as a deployment runs them ({@code service <name>}), each with its own config class, so a
 * deployment's environment is parsed exactly as the running service parses it (defaults and validation included).
 */
enum PipelineService {
  DECODER(DecoderService.NAME, s -> DecoderConfig.from(s).service()),
  DETECT_TRACK(DetectTrackService.NAME, s -> DetectTrackConfig.from(s).service()),
  EMBED(EmbedService.NAME, s -> EmbedConfig.from(s).service()),
  VOICE(VoiceService.NAME, s -> VoiceConfig.from(s).service()),
  ASD(AsdService.NAME, s -> AsdConfig.from(s).service()),
  ASSEMBLY(AssemblyService.NAME, s -> AssemblyServiceConfig.from(s).service());

  final String serviceName;
  private final Function<Settings, ServiceSettings> parse;

  PipelineService(String serviceName, Function<Settings, ServiceSettings> parse) {
    this.serviceName = serviceName;
    this.parse = parse;
  }

  /** The service run by {@code screenalytics service <name>}. */
  static PipelineService named(String name) {
    return Arrays.stream(values()).filter(s -> s.serviceName.equals(name)).findFirst()
        .orElseThrow(() -> new AssertionError("no service named '" + name + "'"));
  }

  /**
   * The service's settings in a container with this environment (SCREENALYTICS_* variables).
   *
   * @throws org.apache.kafka.common.config.ConfigException when the environment holds an invalid setting
   */
  ServiceSettings settingsIn(Map<String, String> environment) {
    return parse.apply(Settings.load(null, environment, Map.of()));
  }
}
