package io.screenalytics.launcher;

import io.screenalytics.runtime.service.ServiceMain;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code screenalytics service <name>}: run one service alone against an external broker until stopped. */
@Command(name = "service", mixinStandardHelpOptions = true,
    description = "Run one service (decoder, detect-track, embed, voice, asd, assembly) against an external Kafka cluster.")
final class ServiceCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "SERVICE", converter = ServiceKind.Converter.class,
      description = "One of: decoder, detect-track, embed, voice, asd, assembly")
  ServiceKind service;

  @Mixin
  SettingsOptions settingsOptions;

  @Override
  public Integer call() {
    ServiceMain.run(settingsOptions.load(Map.of()), service::create);
    return 0;
  }
}
