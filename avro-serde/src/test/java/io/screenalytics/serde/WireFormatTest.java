package io.screenalytics.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;

import org.junit.jupiter.api.Test;

class WireFormatTest {

  @Test
  void shouldWriteTheMagicByteThenTheSchemaIdBigEndian() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();

    WireFormat.writeHeader(out, 0x01020304);

    assertThat(out.toByteArray()).containsExactly(0, 1, 2, 3, 4);
  }

  @Test
  void shouldReadBackTheIdsItWrites() {
    for (int id : new int[] {0, 1, 255, 256, 65_536, Integer.MAX_VALUE, -1, Integer.MIN_VALUE}) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      WireFormat.writeHeader(out, id);
      out.write(42); // payload byte, ignored by the header reader

      assertThat(WireFormat.readSchemaId(out.toByteArray())).as("id %d", id).isEqualTo(id);
    }
  }

  @Test
  void shouldReadAnIdWhoseBytesHaveTheSignBitSet() {
    // bytes >= 0x80 must not sign-extend into the neighbouring bytes
    assertThat(WireFormat.readSchemaId(new byte[] {0, 0, (byte) 0x80, (byte) 0xff, (byte) 0x80}))
        .isEqualTo(0x0080ff80);
  }

  @Test
  void shouldRejectDataShorterThanTheHeader() {
    assertThatThrownBy(() -> WireFormat.readSchemaId(new byte[] {0, 0, 0, 1}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("too short")
        .hasMessageContaining("4 bytes");
    assertThatThrownBy(() -> WireFormat.readSchemaId(new byte[0]))
        .hasMessageContaining("0 bytes");
  }

  @Test
  void shouldRejectAnUnknownMagicByte() {
    assertThatThrownBy(() -> WireFormat.readSchemaId(new byte[] {(byte) 0xc3, 0, 0, 0, 1, 2}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("unknown magic byte 0xc3");
  }
}
