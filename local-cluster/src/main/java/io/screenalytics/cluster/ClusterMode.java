package io.screenalytics.cluster;

/** Where a {@link LocalCluster} runs its broker and registry. */
public enum ClusterMode {

  /** In containers where a Docker engine answers and Testcontainers is on the class path, else in-process. */
  AUTO,

  /** The broker in this JVM and the registry as a child process. */
  IN_PROCESS,

  /** Both in containers of the pinned images ({@link ClusterImages}), through Testcontainers; fails without Docker. */
  CONTAINERS
}
