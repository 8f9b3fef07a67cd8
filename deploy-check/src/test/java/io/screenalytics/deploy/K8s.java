package io.screenalytics.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/** Reading Kubernetes objects of the manifests: kinds, containers, environments, CPU quantities. */
final class K8s {

  private K8s() {}

  /** The objects of one kind. */
  static List<JsonNode> ofKind(List<JsonNode> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The object of a kind and name. */
  static JsonNode named(List<JsonNode> objects, String kind, String name) {
    return ofKind(objects, kind).stream().filter(o -> name.equals(o.path("metadata").path("name").asText()))
        .findFirst().orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in deploy/k8s"));
  }

  /** The pod template's containers, or init containers with {@code field = "initContainers"}. */
  static List<JsonNode> containers(JsonNode workload, String field) {
    return list(workload.path("spec").path("template").path("spec").path(field));
  }

  /** The pod template's volume of that name. */
  static JsonNode volume(JsonNode workload, String name) {
    return list(workload.path("spec").path("template").path("spec").path("volumes")).stream()
        .filter(v -> name.equals(v.path("name").asText())).findFirst()
        .orElseThrow(() -> new AssertionError("no volume " + name + " in " + workload.path("metadata").path("name")));
  }

  static List<JsonNode> list(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).toList();
  }

  /**
   * The environment a container sees from its manifests: the data of every ConfigMap it names in {@code envFrom}
   * (Secrets are left out: their values live outside version control), then its own {@code env} values.
   */
  static Map<String, String> environment(JsonNode container, List<JsonNode> objects) {
    Map<String, String> env = new LinkedHashMap<>();
    for (JsonNode from : list(container.path("envFrom"))) {
      if (from.has("configMapRef")) {
        named(objects, "ConfigMap", from.path("configMapRef").path("name").asText()).path("data").fields()
            .forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
      }
    }
    for (JsonNode e : list(container.path("env"))) {
      if (e.has("value")) {
        env.put(e.path("name").asText(), e.path("value").asText());
      }
    }
    return env;
  }

  /** A CPU quantity in cores: {@code "0.5"}, {@code 1}, {@code "500m"}. */
  static double cores(JsonNode quantity) {
    String q = quantity.asText();
    if (q.isEmpty()) {
      throw new AssertionError("no CPU quantity");
    }
    return q.endsWith("m") ? new BigDecimal(q.substring(0, q.length() - 1)).doubleValue() / 1000
        : new BigDecimal(q).doubleValue();
  }
}
