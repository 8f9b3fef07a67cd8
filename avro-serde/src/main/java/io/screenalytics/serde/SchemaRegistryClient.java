package io.screenalytics.serde;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small client for the Confluent Schema Registry REST API (Confluent's registry, or Apicurio at
 * {@code /apis/ccompat/v7}), Avro schemas only.
 *
 * <ul>
 *   <li>{@link #register}: {@code POST /subjects/{subject}/versions}; the same schema gets the same id again; then
 *       {@code PUT /config/{subject}} sets the subject's compatibility to {@value #SUBJECT_COMPATIBILITY}, so the
 *       registry refuses (409) a later schema that cannot read what is already on the topic;</li>
 *   <li>{@link #compatibility}: {@code GET /config/{subject}}, the subject's own compatibility level;</li>
 *   <li>{@link #lookup}: {@code POST /subjects/{subject}}, the id of an already registered schema;</li>
 *   <li>{@link #schemaById}: {@code GET /schemas/ids/{id}}.</li>
 * </ul>
 * Answers are cached for the life of the client (schema to id per subject, id to schema): after the first call per
 * schema, serializing and deserializing make no requests. Requests time out after {@link #REQUEST_TIMEOUT}; a request
 * that fails to connect, times out or gets a 5xx answer is tried again, {@value #MAX_ATTEMPTS} attempts in all with
 * exponential backoff from 250 ms to 4 s (Failsafe), as every request of this API is idempotent (registering a
 * schema again gives the same id).
 *
 * <p>Thread-safe. Close it to stop its HTTP threads ({@code avro-serde-registry-http-<n>}).
 */
public final class SchemaRegistryClient implements AutoCloseable {

  /** Content type of the registry API's request bodies. */
  public static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";

  /** Time limit of one request, connection included: 10 s. */
  public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

  /** Attempts of one request that cannot connect, times out or gets a 5xx answer. */
  public static final int MAX_ATTEMPTS = 4;

  /**
   * The compatibility level {@link #register} sets on every subject it registers under: BACKWARD, a new schema
   * must read data written with the subject's latest version (Confluent's level names, which Apicurio's
   * {@code /ccompat} API shares). Records stay on the topics for days after a service is upgraded, and the
   * services reading them are upgraded before or with the writers.
   */
  public static final String SUBJECT_COMPATIBILITY = "BACKWARD";

  private static final Logger log = LoggerFactory.getLogger(SchemaRegistryClient.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final String baseUrl;
  private final ExecutorService executor;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Map<Schema, Integer>> idsBySubject = new ConcurrentHashMap<>();
  private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
  private final Set<String> compatibilitySet = ConcurrentHashMap.newKeySet();
  private final RetryPolicy<HttpResponse<String>> retries;

  /**
   * @param baseUrl the registry's Confluent-compatible base URL, e.g. {@code http://127.0.0.1:8081} or
   *                {@code http://127.0.0.1:8080/apis/ccompat/v7}; a trailing slash is ignored
   * @throws IllegalArgumentException if {@code baseUrl} is not an http(s) URL
   */
  public SchemaRegistryClient(String baseUrl) {
    String trimmed = baseUrl.trim();
    this.baseUrl = trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    URI uri = URI.create(this.baseUrl);
    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
      throw new IllegalArgumentException("schema registry URL must be http(s): " + baseUrl);
    }
    this.executor = Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, "avro-serde-registry-http-" + THREADS.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
    this.http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).executor(executor).build();
    this.retries = RetryPolicy.<HttpResponse<String>>builder()
        .handle(IOException.class)
        .handleResultIf(r -> r.statusCode() >= 500)
        .abortOn(InterruptedException.class)
        .withBackoff(Duration.ofMillis(250), Duration.ofSeconds(4))
        .withMaxAttempts(MAX_ATTEMPTS)
        .onRetry(e -> log.warn("schema registry {}: attempt {} failed ({}), trying again", this.baseUrl,
            e.getAttemptCount(), e.getLastException() != null ? e.getLastException().toString()
                : "HTTP " + e.getLastResult().statusCode()))
        .build();
  }

  /** The registry's base URL, without a trailing slash. */
  public String baseUrl() {
    return baseUrl;
  }

  /**
   * Registers {@code schema} under {@code subject} (a no-op in the registry if it is there already), then sets the
   * subject's compatibility to {@value #SUBJECT_COMPATIBILITY} ({@code PUT /config/{subject}}; once per subject
   * and client, idempotent, retried like every request). The level is set after the first version exists because
   * Apicurio keeps it as a rule of the subject's artifact, which the first registration creates.
   *
   * @return the schema id the registry assigned
   * @throws SchemaRegistryException if the registry refuses (e.g. 409: the schema cannot read the subject's latest
   *                                 version) or cannot be reached
   */
  public int register(String subject, Schema schema) {
    Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send(post("/subjects/" + encode(subject) + "/versions", schema), "register under " + subject);
    int id = requireId(answer, subject);
    if (!compatibilitySet.contains(subject)) {
      send(put("/config/" + encode(subject), Map.of("compatibility", SUBJECT_COMPATIBILITY)),
          "set compatibility " + SUBJECT_COMPATIBILITY + " on " + subject);
      compatibilitySet.add(subject);
    }
    remember(subject, schema, id);
    log.info("Schema {} registered under subject {} at {}: id {}, compatibility {}", schema.getFullName(), subject,
        baseUrl, id, SUBJECT_COMPATIBILITY);
    return id;
  }

  /**
   * The compatibility level set on {@code subject} itself ({@code GET /config/{subject}}), e.g. {@code BACKWARD}.
   *
   * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} if the subject has no level
   *                                 of its own (or does not exist); otherwise if the registry fails or cannot be
   *                                 reached, or answers without a level
   */
  public String compatibility(String subject) {
    JsonNode answer = send(request("/config/" + encode(subject)).GET().build(), "read the config of " + subject);
    JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
    if (level == null || !level.isTextual()) {
      throw new SchemaRegistryException("schema registry " + baseUrl + " answered the config of " + subject
          + " without a compatibility level: " + answer, 200, SchemaRegistryException.UNREACHABLE);
    }
    return level.asText();
  }

  /**
   * Finds the id of {@code schema}, which must already be registered under {@code subject}.
   *
   * @return the schema id
   * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} if the subject or the schema
   *                                 under it does not exist; otherwise if the registry fails or cannot be reached
   */
  public int lookup(String subject, Schema schema) {
    Integer cached = idsBySubject.getOrDefault(subject, Map.of()).get(schema);
    if (cached != null) {
      return cached;
    }
    JsonNode answer = send(post("/subjects/" + encode(subject), schema), "look up under " + subject);
    int id = requireId(answer, subject);
    remember(subject, schema, id);
    return id;
  }

  /**
   * Fetches the schema with id {@code id}.
   *
   * @throws SchemaRegistryException with {@link SchemaRegistryException#isNotFound()} if no schema has that id;
   *                                 otherwise if the registry fails, cannot be reached or returns an invalid schema
   */
  public Schema schemaById(int id) {
    Schema cached = schemasById.get(id);
    if (cached != null) {
      return cached;
    }
    HttpRequest request = request("/schemas/ids/" + id).GET().build();
    JsonNode answer = send(request, "fetch schema id " + id);
    JsonNode text = answer.get("schema");
    if (text == null || !text.isTextual()) {
      throw new SchemaRegistryException("registry " + baseUrl + " answered schema id " + id
          + " without a schema: " + answer, 200, SchemaRegistryException.UNREACHABLE);
    }
    Schema schema;
    try {
      schema = new Schema.Parser().parse(text.asText());
    } catch (SchemaParseException e) {
      throw new SchemaRegistryException("registry " + baseUrl + " returned an invalid Avro schema for id " + id
          + ": " + e.getMessage(), 200, SchemaRegistryException.UNREACHABLE);
    }
    Schema previous = schemasById.putIfAbsent(id, schema);
    return previous != null ? previous : schema;
  }

  /** Stops the HTTP threads; later requests fail. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  private HttpRequest post(String path, Schema schema) {
    return request(path).header("Content-Type", CONTENT_TYPE)
        .POST(HttpRequest.BodyPublishers.ofString(body(Map.of("schema", schema.toString())), StandardCharsets.UTF_8))
        .build();
  }

  private HttpRequest put(String path, Map<String, String> fields) {
    return request(path).header("Content-Type", CONTENT_TYPE)
        .PUT(HttpRequest.BodyPublishers.ofString(body(fields), StandardCharsets.UTF_8)).build();
  }

  private String body(Map<String, String> fields) {
    try {
      return json.writeValueAsString(fields);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a JSON string", e);
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", CONTENT_TYPE + ", application/json");
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> response;
    try {
      response = Failsafe.with(retries)
          .get(() -> http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)));
    } catch (FailsafeException e) {
      if (e.getCause() instanceof InterruptedException) {
        Thread.currentThread().interrupt();
        throw new SchemaRegistryException("interrupted waiting for schema registry " + baseUrl + " (" + what
            + ")", e.getCause());
      }
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new SchemaRegistryException("schema registry " + baseUrl + " unreachable (" + what + ", "
          + MAX_ATTEMPTS + " attempts): " + cause, cause);
    }
    JsonNode answer = parse(response.body());
    if (response.statusCode() != 200) {
      JsonNode code = answer.get("error_code");
      JsonNode message = answer.get("message");
      throw new SchemaRegistryException("schema registry " + baseUrl + " refused to " + what + ": HTTP "
          + response.statusCode() + (message != null ? " " + message.asText() : " " + response.body()),
          response.statusCode(), code != null && code.canConvertToInt() ? code.asInt() : SchemaRegistryException.UNREACHABLE);
    }
    return answer;
  }

  private JsonNode parse(String body) {
    try {
      return body == null || body.isBlank() ? json.createObjectNode() : json.readTree(body);
    } catch (IOException e) {
      // an error page from a proxy, not JSON: keep the text for the message
      return json.createObjectNode().put("message", body);
    }
  }

  private int requireId(JsonNode answer, String subject) {
    JsonNode id = answer.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw new SchemaRegistryException("schema registry " + baseUrl + " answered without an id for subject "
          + subject + ": " + answer, 200, SchemaRegistryException.UNREACHABLE);
    }
    return id.asInt();
  }

  private void remember(String subject, Schema schema, int id) {
    idsBySubject.computeIfAbsent(subject, s -> new ConcurrentHashMap<>()).put(schema, id);
    schemasById.putIfAbsent(id, schema);
  }

  private static String encode(String subject) {
    return URLEncoder.encode(subject, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
