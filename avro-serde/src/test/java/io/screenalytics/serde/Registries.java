package io.screenalytics.serde;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Registry URLs for tests. */
final class Registries {

  private Registries() {
  }

  /** A URL on a loopback port nothing listens on: connections are refused at once. */
  static String unreachable() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/apis/ccompat/v7";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
