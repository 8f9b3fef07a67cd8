package io.screenalytics.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The pinned container images of the cluster, read from {@code images.properties} beside this class: the one
 * list the test fixture's Testcontainers path starts and the deployment files must use (deploy-check verifies).
 *
 * @param kafka    the Kafka broker image, for example {@code apache/kafka:4.1.0}
 * @param registry the Confluent-compatible schema registry image (Apicurio, in-memory storage)
 */
public record ClusterImages(String kafka, String registry) {

  /**
   * The images this build pins.
   *
   * @throws UncheckedIOException if the resource is missing or unreadable
   * @throws IllegalStateException if an image is missing
   */
  public static ClusterImages pinned() {
    Properties p = new Properties();
    try (InputStream in = ClusterImages.class.getResourceAsStream("images.properties")) {
      if (in == null) {
        throw new IOException("images.properties not on the class path");
      }
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the pinned cluster images", e);
    }
    String kafka = p.getProperty("kafka");
    String registry = p.getProperty("registry");
    if (kafka == null || registry == null) {
      throw new IllegalStateException("images.properties must name the kafka and registry images");
    }
    return new ClusterImages(kafka.trim(), registry.trim());
  }
}
