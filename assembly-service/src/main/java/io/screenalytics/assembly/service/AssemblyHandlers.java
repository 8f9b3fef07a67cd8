package io.screenalytics.assembly.service;

import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.store.ArtifactStore;
import java.time.Clock;

/** Makes the assembly service's handlers. */
public final class AssemblyHandlers {

  private AssemblyHandlers() {}

  /**
   * A handler of its own for one worker.
   *
   * @param store where episodes are written and facebanks read; shared by the workers (stores are thread-safe
   *              for distinct keys, and each episode belongs to one worker); closed by the service
   */
  public static BatchHandler<Object> newHandler(AssemblyServiceConfig config, ArtifactStore store) {
    return new AssemblyHandler(config, store, Clock.systemUTC());
  }
}
