package io.screenalytics.launcher.eval;

import static org.assertj.core.api.Assertions.assertThat;

import io.screenalytics.identities.facebank.MatchingConfig;
import io.screenalytics.vision.model.ModelLocator;
import io.screenalytics.vision.model.SessionSettings;
import io.screenalytics.vision.pipeline.FacePipeline;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The built-in evaluation on the real labelled photos through the real models. Bounds are sane floors, not
 * the measured figures (AUC 1.000 on both pair lists, 3/3 probes; see the README): a broken alignment,
 * normalisation or matching rule falls far below them.
 */
class FaceEvaluationIT {

  @Test
  void shouldVerifyPairsAndIdentifyProbesWellAboveChance() throws Exception {
    Path faces = Path.of(System.getProperty("screenalytics.shared", "../../shared"), "faces");
    FaceEvaluation.Report report;
    try (FacePipeline pipeline = FacePipeline.openDefault(ModelLocator.resolve(null), SessionSettings.cpu(2))) {
      report = FaceEvaluation.run(faces, pipeline, MatchingConfig.DEFAULT_MIN_SIMILARITY);
    }
    System.out.print(report.format());

    VerificationEval.Result deepface = report.deepface();
    assertThat(deepface.pairs()).isEqualTo(300);
    assertThat(deepface.same()).isEqualTo(38);
    assertThat(deepface.skipped()).isZero();
    assertThat(deepface.roc().auc()).isGreaterThan(0.95);
    assertThat(deepface.roc().eer()).isLessThan(0.10);
    assertThat(deepface.sameMean()).isGreaterThan(deepface.differentMax() - 0.1);

    assertThat(report.knnPairs().pairs()).isEqualTo(136);
    assertThat(report.knnPairs().roc().auc()).isGreaterThan(0.95);

    IdentificationEval.Result id = report.identification();
    assertThat(id.people()).isEqualTo(5);
    assertThat(id.seeds()).isEqualTo(9);
    assertThat(id.probes()).hasSize(3);
    assertThat(id.correct()).isGreaterThanOrEqualTo(2);
    assertThat(id.rank1Correct()).isEqualTo(3);
    assertThat(id.unlabelled()).anySatisfy(u -> assertThat(u).startsWith("test/kit_with_rose.jpg")
        .contains("kit_harington").contains("rose_leslie"));
    assertThat(report.format()).contains("AUC").contains("EER").contains("accuracy");
  }
}
