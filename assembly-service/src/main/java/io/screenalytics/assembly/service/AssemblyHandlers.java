package io.screenalytics.assembly.service;

import io.screenalytics.runtime.kafka.BatchHandler;
import java.time.Clock;

/** Makes the assembly service's handlers. */
public final class AssemblyHandlers {

  private AssemblyHandlers() {}

  /** A handler of its own for one worker. */
  public static BatchHandler<Object> newHandler(AssemblyServiceConfig config) {
    return new AssemblyHandler(config, Clock.systemUTC());
  }
}
