package io.screenalytics.runtime.service;

import io.screenalytics.runtime.config.Settings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code main} of a service run alone against an external broker. Arguments: {@code [--config FILE]
 * [name=value ...]}; environment variables {@code SCREENALYTICS_<NAME>} set {@code <name>} too. Runs until
 * SIGTERM (graceful: loops stop, outputs flush, offsets commit) or until a worker dies (exit code 1).
 */
public final class ServiceMain {

  private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

  private ServiceMain() {}

  /** Parses {@code args} into settings. */
  public static Settings settings(String[] args) {
    Path config = null;
    Map<String, String> overrides = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        config = Path.of(args[++i]);
      } else if (args[i].contains("=")) {
        int eq = args[i].indexOf('=');
        overrides.put(args[i].substring(0, eq), args[i].substring(eq + 1));
      } else {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "': use [--config FILE] [name=value ...]");
      }
    }
    return Settings.load(config, System.getenv(), overrides);
  }

  /** Builds the service from {@code args}, starts it and blocks until shutdown; then exits the JVM. */
  public static void run(String[] args, Function<Settings, WorkerService<?>> factory) {
    run(settings(args), factory);
  }

  /** Builds the service from {@code settings}, starts it and blocks until shutdown; then exits the JVM. */
  public static void run(Settings settings, Function<Settings, WorkerService<?>> factory) {
    WorkerService<?> service = factory.apply(settings).start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      service.close();
      stopped.countDown();
    }, service.name() + "-shutdown"));
    try {
      while (!stopped.await(1, TimeUnit.SECONDS)) {
        if (!service.isLive()) {
          LOG.error("{} failed; exiting", service.name());
          service.close();
          System.exit(1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
