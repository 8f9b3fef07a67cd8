package io.screenalytics.assembly.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.voice.EpisodeVoices;
import io.screenalytics.identities.voice.EpisodeVoices.VoiceState;
import io.screenalytics.schemas.VoiceStatus;
import io.screenalytics.schemas.VoiceWindows;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.jupiter.api.Test;

class VoiceChunksTest {

  @Test
  void shouldReadAStatusFromANewerWriterAsFailedWithItsReason() throws IOException {
    // Given a voice result written by a newer voice service whose VoiceStatus has a symbol this build lacks
    Schema newer = new Schema.Parser().parse(VoiceWindows.getClassSchema().toString()
        .replace("\"FAILED\",\"UNKNOWN\"]", "\"FAILED\",\"UNKNOWN\",\"PARTIAL\"]"));
    assertThat(newer.getField("status").schema().getEnumSymbols()).contains("PARTIAL");
    GenericRecord written = new GenericData.Record(newer);
    written.put("episode_id", "ep");
    written.put("chunk", 0);
    written.put("chunks", 1);
    written.put("status", new GenericData.EnumSymbol(newer.getField("status").schema(), "PARTIAL"));
    written.put("reason", "half the audio");
    written.put("model", "ge2e");
    written.put("model_sha256", "0".repeat(64));
    written.put("audio_seconds", 10.0);
    written.put("windows", List.of());
    written.put("speech", List.of());

    // When this build reads it (Avro resolves the unknown symbol to the enum's default) and assembles the voices
    VoiceWindows read = readAsThisBuild(written, newer);
    VoiceChunks chunks = new VoiceChunks();
    chunks.add(read);
    EpisodeVoices voices = chunks.voices();

    // Then it is UNKNOWN on the wire and a FAILED voice result, with the writer's reason kept, instead of a crash
    assertThat(read.getStatus()).isEqualTo(VoiceStatus.UNKNOWN);
    assertThat(voices.state()).isEqualTo(VoiceState.FAILED);
    assertThat(voices.reason()).contains("unknown voice status").contains("half the audio");
  }

  private static VoiceWindows readAsThisBuild(GenericRecord record, Schema writer) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
    new GenericDatumWriter<GenericRecord>(writer).write(record, encoder);
    encoder.flush();
    return new SpecificDatumReader<VoiceWindows>(writer, VoiceWindows.getClassSchema())
        .read(null, DecoderFactory.get().binaryDecoder(out.toByteArray(), null));
  }
}
