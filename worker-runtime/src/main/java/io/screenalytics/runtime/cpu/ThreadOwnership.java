package io.screenalytics.runtime.cpu;

import java.util.Objects;

/**
 * Which threads of this process belong to one service, by name, so that several services can share one JVM and
 * still be accounted apart. A service owns:
 *
 * <ul>
 *   <li>every thread whose name starts with {@code <service>-} (its consumer loops {@code <service>-worker-<n>}
 *       and every thread it names by the house convention {@code <service>-<component>-<n>});
 *   <li>on Linux, every native thread such a thread started: a new thread inherits its creator's OS name
 *       ({@code comm}, the first 15 bytes of the Java name), so ONNX Runtime's intra-op pool created by a session
 *       opened on {@code detect-track-worker-0} and FFmpeg's decoder threads started on {@code decoder-worker-0} are
 *       named {@code detect-track-wo} and {@code decoder-worker-} and are counted;
 *   <li>the Kafka client threads of its clients, which Kafka names {@code ... | <client.id or group.id>}:
 *       {@code kafka-producer-network-thread | <service>}, the dead-letter producer's {@code | <service>-deadletter},
 *       and the group heartbeat thread {@code | <group.id>}.
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param service service name, for example {@code detect-track}; {@code <service>-} must fit in the 15 bytes of
 *                a Linux thread name
 * @param groupId the service's consumer group id, or null
 */
public record ThreadOwnership(String service, String groupId) {

  /** Bytes of a Linux thread name ({@code TASK_COMM_LEN} minus the terminator). */
  public static final int OS_NAME_LENGTH = 15;

  /**
   * @throws IllegalArgumentException when the service name is blank, contains {@code |}, or is too long for its
   *     prefix to survive the truncation of OS thread names
   */
  public ThreadOwnership {
    Objects.requireNonNull(service, "service");
    if (service.isBlank() || service.contains("|")) {
      throw new IllegalArgumentException("invalid service name for thread accounting: '" + service + "'");
    }
    if (service.length() + 1 > OS_NAME_LENGTH) {
      throw new IllegalArgumentException("service name '" + service + "' is longer than " + (OS_NAME_LENGTH - 1)
          + " characters: its threads could not be told apart by their OS names");
    }
  }

  /** The thread name prefix, {@code <service>-}. */
  public String namePrefix() {
    return service + "-";
  }

  /** True for an OS thread name ({@code /proc/self/task/<tid>/comm}) of this service. */
  public boolean ownsOsThread(String comm) {
    return comm.startsWith(namePrefix());
  }

  /** True for a Java thread named by the service's convention ({@code <service>-...}). */
  public boolean ownsNamedThread(String javaName) {
    return javaName.startsWith(namePrefix());
  }

  /** True for a Kafka client thread of this service ({@code ... | <service>}, {@code | <service>-...}, {@code | <group>}). */
  public boolean ownsClientThread(String javaName) {
    int bar = javaName.lastIndexOf(" | ");
    if (bar < 0) {
      return false;
    }
    String client = javaName.substring(bar + 3);
    return client.equals(service) || client.startsWith(namePrefix()) || client.equals(groupId);
  }
}
