package io.screenalytics.voice.audio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.screenalytics.voice.testing.TestMedia;
import io.screenalytics.voice.testing.VoiceData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding any container to 16 kHz mono, and the reasons when it cannot. */
class AudioDecoderTest {

  private static final String VIDEO = TestMedia.TALKING_HEAD;

  @TempDir Path tmp;

  @Test void shouldDecodeTheAudioOfAVideoTo16kHzMono() throws Exception {
    AudioClip clip = AudioDecoder.decode(VoiceData.file(VIDEO).toString());
    assertThat(clip.sampleRate()).isEqualTo(16_000);
    assertThat(clip.seconds()).isBetween(7.9, 8.1);
  }

  @Test void shouldStreamOnlyTheRangeAsked() throws Exception {
    FloatList all = new FloatList();
    long n = AudioDecoder.stream(VoiceData.libri("1688", "1688-142285-0003.flac"), 1.0, 2.5, all);
    assertThat(n).isEqualTo(24_000);
    float[] whole = AudioDecoder.decode(VoiceData.libri("1688", "1688-142285-0003.flac")).samples();
    assertThat(all.get(0)).isEqualTo(whole[16_000]);
    assertThat(all.get(23_999)).isEqualTo(whole[39_999]);
  }

  @Test void shouldSayWhenThereIsNoAudioStream() throws Exception {
    Path silentVideo = TestMedia.withoutAudio(VoiceData.file(VIDEO), tmp.resolve("no_audio.mp4"));
    assertThatThrownBy(() -> AudioDecoder.decode(silentVideo.toString()))
        .isInstanceOfSatisfying(AudioDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.NO_AUDIO))
        .hasMessageContaining("no audio stream");
  }

  @Test void shouldSayWhenTheInputCannotBeOpened() throws Exception {
    Path junk = tmp.resolve("junk.mp4");
    Files.write(junk, new byte[] {1, 2, 3, 4, 5});
    assertThatThrownBy(() -> AudioDecoder.decode(junk.toString()))
        .isInstanceOfSatisfying(AudioDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.UNREADABLE));
  }

  @Test void shouldFailACorruptAudioStreamWithAReasonAndNotCrash() throws Exception {
    Path corrupt = TestMedia.withCorruptAudio(VoiceData.file(VIDEO), tmp.resolve("corrupt_audio.mp4"));
    assertThatThrownBy(() -> AudioDecoder.decode(corrupt.toString()))
        .isInstanceOfSatisfying(AudioDecodeException.class,
            e -> assertThat(e.reason()).isEqualTo(AudioDecodeException.Reason.CORRUPT))
        .hasMessageContaining("corrupt");
  }
}
