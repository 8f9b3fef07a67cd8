package io.screenalytics.asd.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.schemas.AsdScores;
import io.screenalytics.schemas.AsdSpan;
import io.screenalytics.schemas.AsdStatus;
import io.screenalytics.schemas.AsdTrackLogits;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.jupiter.api.Test;

class AsdScoresAvroTest {

  @Test void shouldReadBackWhatItWrites() throws Exception {
    // Given a result with a span of two tracks, and an empty failed one
    AsdScores scored = AsdScores.newBuilder().setEpisodeId("ep1").setChunk(0).setChunks(1).setStatus(AsdStatus.OK)
        .setModel("light_asd_ava").setModelSha256("abc").setFps(25)
        .setSpans(List.of(new AsdSpan(0, 1.5, 4.5, List.of(new AsdTrackLogits(1, List.of(0.5f, -1.25f)),
            new AsdTrackLogits(2, List.of(-2f, 3f)))))).build();
    AsdScores failed = AsdScores.newBuilder(scored).setStatus(AsdStatus.FAILED).setReason("audio: corrupt")
        .setSpans(List.of()).build();

    // Then both survive Avro's binary encoding unchanged
    for (AsdScores s : List.of(scored, failed)) assertThat(roundTrip(s)).isEqualTo(s);
  }

  private static AsdScores roundTrip(AsdScores s) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder enc = EncoderFactory.get().binaryEncoder(bytes, null);
    new SpecificDatumWriter<>(AsdScores.class).write(s, enc);
    enc.flush();
    return new SpecificDatumReader<>(AsdScores.class).read(null,
        DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
  }
}
