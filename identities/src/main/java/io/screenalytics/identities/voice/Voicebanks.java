package io.screenalytics.identities.voice;

import io.screenalytics.store.StoreLayout;
import io.screenalytics.store.ArtifactStore;
import io.screenalytics.voice.bank.Voicebank;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The store's voicebank ({@value StoreLayout#VOICEBANK}), as {@code screenalytics voicebank add} writes it. */
public final class Voicebanks {

  private static final Logger LOG = LoggerFactory.getLogger(Voicebanks.class);

  private Voicebanks() {}

  /**
   * The store's voicebank, or an empty one when there is none or it cannot be read (logged: voices then stay
   * unnamed rather than the episode failing).
   *
   * @throws IOException when the store fails
   */
  public static Voicebank load(ArtifactStore store) throws IOException {
    Optional<byte[]> bytes = store.get(StoreLayout.VOICEBANK);
    if (bytes.isEmpty()) {
      return new Voicebank();
    }
    try {
      return Voicebank.fromJson(bytes.get());
    } catch (IOException e) {
      LOG.warn("voicebank {} unreadable, voices stay unnamed: {}", StoreLayout.VOICEBANK, e.toString());
      return new Voicebank();
    }
  }
}
