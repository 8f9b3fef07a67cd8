package io.screenalytics.assembly.service;

import io.screenalytics.identities.episode.ModelInfo;
import io.screenalytics.vision.model.ModelCatalog;
import io.screenalytics.vision.model.ModelKind;
import io.screenalytics.vision.model.ModelSpec;
import java.util.ArrayList;
import java.util.List;

/** The manifest entries (name, file, licence, sha256) of the models an episode went through. */
final class Models {

  private Models() {}

  static List<ModelInfo> of(String detector, String embedder) {
    List<ModelInfo> out = new ArrayList<>(2);
    if (detector != null && !detector.isEmpty()) {
      out.add(info(ModelInfo.DETECTOR, ModelCatalog.byName(detector, ModelKind.FACE_DETECTOR)));
    }
    if (embedder != null && !embedder.isEmpty()) {
      out.add(info(ModelInfo.EMBEDDER, ModelCatalog.byName(embedder, ModelKind.FACE_EMBEDDER)));
    }
    return out;
  }

  static ModelInfo info(String role, ModelSpec spec) {
    return new ModelInfo(role, spec.name(), spec.relativePath(), spec.licence(), spec.sha256());
  }
}
