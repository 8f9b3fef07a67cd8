package io.screenalytics.launcher.review;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.screenalytics.identities.facebank.Facebank;
import io.screenalytics.identities.facebank.FacebankLibrary;
import io.screenalytics.output.EpisodeRescorer;
import io.screenalytics.output.EpisodeReview;
import io.screenalytics.output.manifest.EpisodeManifestReader;
import io.screenalytics.output.report.EpisodeReport;
import io.screenalytics.output.review.Decision;
import io.screenalytics.output.review.DecisionLog;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.store.EpisodeIds;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code screenalytics review}: a local web application over an artifact store (local or S3), served by the JDK's
 * HTTP server ({@code com.sun.net.httpserver}), pages rendered on the server, no script:
 *
 * <ul>
 *   <li>{@code GET /}: the store's episodes (identities, named, decisions);
 *   <li>{@code GET /episodes/<id>}: the episode's report as it stands (screen time, timeline, cards with thumbnails
 *       and the evidence of each name; {@link EpisodeReport}) with each card's actions ({@link ReviewPage});
 *   <li>{@code POST /episodes/<id>/name|merge|split|reject|undo}: one {@link EpisodeReview} decision, the same code
 *       as the command line; then a redirect (303) to the episode's page, which shows the new screen-time table
 *       and what was done, or the one-line reason it was refused.
 * </ul>
 *
 * <p>Requests are handled one at a time on one thread, so two decisions never race on an episode or facebank.
 * Binds to the address given (loopback by default): it has no authentication. A post must come from a form this
 * server served ({@link PostGuard}: a token per server run in every form, the {@code Origin} or {@code Referer}
 * naming this server, and, bound to the loopback, a loopback {@code Host}); any other is refused with status 403 and
 * one line of text, and changes nothing.
 */
public final class ReviewServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(ReviewServer.class);
  /** The {@link Decision#command()} of decisions taken here. */
  public static final String COMMAND = "review";

  private final ArtifactStore store;
  private final EpisodeReview review;
  private final HttpServer server;
  private final ExecutorService executor;
  private final PostGuard guard;

  private ReviewServer(ArtifactStore store, HttpServer server) {
    this.store = store;
    this.review = new EpisodeReview(store);
    this.server = server;
    this.guard = new PostGuard(server.getAddress());
    this.executor = Executors.newSingleThreadExecutor(r -> new Thread(r, "review-http-1"));
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving {@code store} (which the caller keeps open and closes after this server).
   *
   * @param host address to bind ({@code 127.0.0.1})
   * @param port port, 0 for any free one
   * @throws IOException when the address cannot be bound
   */
  public static ReviewServer start(ArtifactStore store, String host, int port) throws IOException {
    ReviewServer s = new ReviewServer(store, HttpServer.create(new InetSocketAddress(host, port), 0));
    s.server.start();
    return s;
  }

  /** {@code http://host:port/}. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      String[] parts = path.replaceAll("^/+|/+$", "").split("/");
      Optional<String> badHost = guard.refuseHost(x.getRequestHeaders());
      if (badHost.isPresent()) {
        refuse(x, badHost.get());
      } else if (path.equals("/") && x.getRequestMethod().equals("GET")) {
        send(x, 200, ReviewPage.episodes(episodes()));
      } else if (parts.length == 2 && parts[0].equals("episodes") && x.getRequestMethod().equals("GET")) {
        episode(x, parts[1]);
      } else if (parts.length == 3 && parts[0].equals("episodes") && x.getRequestMethod().equals("POST")) {
        decide(x, parts[1], parts[2]);
      } else {
        send(x, 404, ReviewPage.message("Not found", path));
      }
    } catch (RuntimeException | IOException e) {
      LOG.error("review: {} {} failed", x.getRequestMethod(), x.getRequestURI(), e);
      try {
        send(x, 500, ReviewPage.message("Failed", String.valueOf(e.getMessage())));
      } catch (IOException | RuntimeException ignored) {
        // the response had already started
      }
    }
  }

  private void episode(HttpExchange x, String episodeId) throws IOException {
    if (!EpisodeIds.isValid(episodeId)) {
      send(x, 404, ReviewPage.message("No such episode", episodeId));
      return;
    }
    EpisodeRescorer.Assembled now;
    try {
      now = review.current(episodeId);
    } catch (NoSuchFileException e) {
      send(x, 404, ReviewPage.message("No such episode", episodeId + " is not in the store"));
      return;
    }
    DecisionLog log = review.log(episodeId);
    Map<String, String> query = form(x.getRequestURI().getRawQuery());
    List<String> people = log.facebank() == null ? now.facebank().names()
        : new FacebankLibrary(store).find(log.facebank()).orElse(Facebank.empty()).names();
    ReviewPage page = new ReviewPage(episodeId, guard.token(), now.result(), log, people, query.get("done"),
        query.get("error"));
    byte[] html = new EpisodeReport().render(now.result(), now.facebank(),
        log.decisions().stream().map(Decision::describe).toList(), page);
    send(x, 200, html);
  }

  private void decide(HttpExchange x, String episodeId, String action) throws IOException {
    Map<String, String> f;
    try (InputStream in = x.getRequestBody()) {
      f = form(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    Optional<String> refused = guard.refusePost(x.getRequestHeaders(), f);
    if (refused.isPresent()) {
      LOG.warn("review: {} {} {}", x.getRequestMethod(), x.getRequestURI(), refused.get());
      refuse(x, refused.get());
      return;
    }
    String back = "/episodes/" + URLEncoder.encode(episodeId, StandardCharsets.UTF_8);
    try {
      EpisodeReview.Outcome o = switch (action) {
        case "name" -> review.name(episodeId, need(f, "identity"), need(f, "person"), Optional.empty(), COMMAND);
        case "reject" -> review.reject(episodeId, need(f, "identity"), need(f, "person"), Optional.empty(), COMMAND);
        case "merge" -> review.merge(episodeId, need(f, "identity"), need(f, "into"), COMMAND);
        case "split" -> review.split(episodeId, need(f, "identity"), Integer.parseInt(need(f, "track")), COMMAND);
        case "undo" -> review.undo(episodeId);
        default -> throw new IllegalArgumentException("unknown action " + action);
      };
      String done = (action.equals("undo") ? "undone: " : "") + o.decision().describe()
          + (o.voice() == null ? "" : "; " + o.voice());
      redirect(x, back + "?done=" + URLEncoder.encode(done, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException | IllegalStateException | NoSuchFileException e) {
      redirect(x, back + "?error=" + URLEncoder.encode(String.valueOf(e.getMessage()), StandardCharsets.UTF_8));
    }
  }

  /** Ids of the episodes in the store (folders with a manifest), ascending, with their summaries. */
  private List<ReviewPage.EpisodeSummary> episodes() throws IOException {
    List<ReviewPage.EpisodeSummary> out = new ArrayList<>();
    EpisodeManifestReader reader = new EpisodeManifestReader();
    for (String id : reader.episodes(store)) {
      DecisionLog log = review.log(id);
      out.add(new ReviewPage.EpisodeSummary(id, log.decisions().size(), log.facebank(), reader.screenTime(store, id)));
    }
    return out;
  }

  private static String need(Map<String, String> form, String field) {
    String v = form.get(field);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException("missing " + field);
    }
    return v;
  }

  /** An {@code application/x-www-form-urlencoded} body or query, first value of each field. */
  static Map<String, String> form(String encoded) {
    Map<String, String> out = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return out;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.putIfAbsent(k, v);
    }
    return out;
  }

  private static void redirect(HttpExchange x, String location) throws IOException {
    x.getResponseHeaders().set("Location", location);
    x.sendResponseHeaders(303, -1);
  }

  /** 403 with {@code line} as plain text. */
  private static void refuse(HttpExchange x, String line) throws IOException {
    byte[] body = (line + "\n").getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    x.sendResponseHeaders(403, body.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(body);
    }
  }

  private static void send(HttpExchange x, int status, byte[] html) throws IOException {
    x.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, html.length);
    try (OutputStream out = x.getResponseBody()) {
      out.write(html);
    }
  }
}
