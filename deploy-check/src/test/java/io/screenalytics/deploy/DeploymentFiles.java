package io.screenalytics.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The deployment files of the project, read as Jackson trees. YAML is parsed by SnakeYAML, Jackson YAML's own
 * parser, used directly because Jackson leaves anchors, aliases and merge keys ({@code <<: *service}) unexpanded
 * and the compose file relies on them.
 */
final class DeploymentFiles {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DeploymentFiles() {}

  /** The project root: the {@code screenalytics.root} property (set by this module's pom), else the parent directory. */
  static Path root() {
    Path root = Path.of(System.getProperty("screenalytics.root", "..")).toAbsolutePath().normalize();
    if (!Files.isRegularFile(root.resolve("docker-compose.yml"))) {
      throw new IllegalStateException("no docker-compose.yml in " + root + ": run from the deploy-check module");
    }
    return root;
  }

  static Path compose() {
    return root().resolve("docker-compose.yml");
  }

  /** The image module's pom: the service image's base, name and user (Jib's configuration). */
  static Path imagePom() {
    return root().resolve("image/pom.xml");
  }

  /**
   * A property the image module's pom declares in its {@code <properties>} ({@code image.base}, {@code image.name},
   * {@code image.user}).
   *
   * @throws AssertionError if the pom does not declare it
   */
  static String imageProperty(String name) {
    try {
      Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(imagePom().toFile());
      NodeList properties = pom.getDocumentElement().getChildNodes();
      for (int i = 0; i < properties.getLength(); i++) {
        if (properties.item(i) instanceof Element e && e.getTagName().equals("properties")) {
          NodeList found = e.getElementsByTagName(name);
          if (found.getLength() == 1) {
            return found.item(0).getTextContent().trim();
          }
        }
      }
      throw new AssertionError(imagePom() + " declares no <properties><" + name + ">");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + imagePom(), e);
    } catch (ParserConfigurationException | SAXException e) {
      throw new IllegalStateException("cannot parse " + imagePom(), e);
    }
  }

  static Path k8s() {
    return root().resolve("deploy/k8s");
  }

  /** Every YAML file under {@code deploy/k8s}, sorted. */
  static List<Path> k8sFiles() {
    try (Stream<Path> files = Files.walk(k8s())) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every document of a (multi-document) YAML file, anchors and merge keys expanded. */
  static List<JsonNode> documents(Path file) {
    Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
    List<JsonNode> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file)) {
      for (Object doc : yaml.loadAll(r)) {
        if (doc != null) {
          out.add(JSON.valueToTree(doc));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return out;
  }

  /** The one document of a YAML file. */
  static JsonNode document(Path file) {
    List<JsonNode> docs = documents(file);
    if (docs.size() != 1) {
      throw new IllegalStateException(file + " has " + docs.size() + " documents, expected 1");
    }
    return docs.get(0);
  }

  /** Every Kubernetes object under {@code deploy/k8s} (kustomization files excluded). */
  static List<JsonNode> k8sObjects() {
    return k8sFiles().stream().filter(p -> !p.getFileName().toString().startsWith("kustomization"))
        .flatMap(p -> documents(p).stream()).toList();
  }

  static String text(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
