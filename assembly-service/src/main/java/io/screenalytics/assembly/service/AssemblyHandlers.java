package io.screenalytics.assembly.service;

import io.screenalytics.runtime.config.KafkaSettings;
import io.screenalytics.runtime.kafka.BatchHandler;
import io.screenalytics.runtime.status.EpisodeAttempts;
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

  /**
   * A handler of its own for one worker, counting earlier attempts at completing an episode on the status topic of
   * {@code kafka} (crash containment, {@code assembly.max.episode.attempts}). Call it on the worker's thread: the
   * reader's {@code client.id} is taken from the thread's name.
   */
  public static BatchHandler<Object> newHandler(AssemblyServiceConfig config, ArtifactStore store,
      KafkaSettings kafka) {
    return new AssemblyHandler(config, store, Clock.systemUTC(),
        EpisodeAttempts.counter(kafka, Thread.currentThread().getName() + "-attempts", "assembly"));
  }
}
