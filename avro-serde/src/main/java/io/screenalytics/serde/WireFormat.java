package io.screenalytics.serde;

import java.io.ByteArrayOutputStream;

/**
 * The Confluent Schema Registry wire format of a Kafka key or value.
 *
 * <pre>
 * byte 0      magic byte, always 0
 * bytes 1-4   schema id, a 32-bit big-endian signed integer assigned by the registry
 * bytes 5-    the datum in Avro binary encoding, written with the schema of that id
 * </pre>
 *
 * Any Confluent-compatible producer or consumer (Confluent's serdes, Apicurio's ccompat mode, ksqlDB, Kafka
 * Connect's AvroConverter) reads and writes the same bytes. Stateless; thread-safe.
 */
public final class WireFormat {

  /** The first byte of every serialized datum. */
  public static final byte MAGIC_BYTE = 0;

  /** Bytes before the Avro payload: magic byte plus the 4-byte schema id. */
  public static final int HEADER_SIZE = 5;

  private WireFormat() {
  }

  /** Writes the 5-byte header: magic byte, then {@code schemaId} big-endian. */
  public static void writeHeader(ByteArrayOutputStream out, int schemaId) {
    out.write(MAGIC_BYTE);
    out.write(schemaId >>> 24);
    out.write(schemaId >>> 16);
    out.write(schemaId >>> 8);
    out.write(schemaId);
  }

  /**
   * Reads the schema id from a serialized datum's header, after checking its length and magic byte.
   *
   * @param data a serialized key or value, not null
   * @return the schema id in bytes 1-4
   * @throws IllegalArgumentException if {@code data} is shorter than {@value #HEADER_SIZE} bytes or does not start
   *                                  with the magic byte; the message says which and what was found
   */
  public static int readSchemaId(byte[] data) {
    if (data.length < HEADER_SIZE) {
      throw new IllegalArgumentException("too short for the schema registry wire format: " + data.length
          + " bytes, expected at least " + HEADER_SIZE + " (magic byte 0 and a 4-byte schema id)");
    }
    if (data[0] != MAGIC_BYTE) {
      throw new IllegalArgumentException(String.format(
          "unknown magic byte 0x%02x, expected 0x00 (not written by a schema registry serializer?)", data[0]));
    }
    return ((data[1] & 0xff) << 24) | ((data[2] & 0xff) << 16) | ((data[3] & 0xff) << 8) | (data[4] & 0xff);
  }
}
