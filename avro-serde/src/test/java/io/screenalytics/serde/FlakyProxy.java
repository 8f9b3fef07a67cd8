package io.screenalytics.serde;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder in front of a real server that drops the first {@code drops} connections it accepts (closes
 * them before reading a byte, as a restarting or overloaded server does) and forwards every later one, both ways.
 */
final class FlakyProxy implements AutoCloseable {

  private final ServerSocket server;
  private final AtomicInteger accepted = new AtomicInteger();

  /**
   * @param target the server's base URL ({@code http://host:port/...}); requests keep its path
   * @param drops  connections to drop before forwarding
   */
  FlakyProxy(String target, int drops) throws IOException {
    URI uri = URI.create(target);
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(() -> {
      while (!server.isClosed()) {
        try {
          Socket client = server.accept();
          if (accepted.incrementAndGet() <= drops) {
            client.setSoLinger(true, 0); // a reset, not an orderly close
            client.close();
            continue;
          }
          Socket upstream = new Socket(uri.getHost(), uri.getPort());
          pipe(client, upstream);
          pipe(upstream, client);
        } catch (IOException e) {
          return; // closed
        }
      }
    }, "flaky-proxy");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  /** The URL to give clients: {@code target} with this proxy's port. */
  String url(String target) {
    URI uri = URI.create(target);
    return uri.getScheme() + "://127.0.0.1:" + server.getLocalPort() + uri.getRawPath();
  }

  /** Connections accepted so far, dropped ones included. */
  int accepted() {
    return accepted.get();
  }

  private static void pipe(Socket from, Socket to) {
    Thread t = new Thread(() -> {
      try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
        in.transferTo(out);
      } catch (IOException e) {
        // one side closed
      } finally {
        try {
          from.close();
          to.close();
        } catch (IOException ignored) {
          // closing
        }
      }
    }, "flaky-proxy-pipe");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
