package org.liaison.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.Pkcs12Store;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class KeyMaterialFailureAnalyzerTest {

  @Test
  void describesAKeyStoreThatCannotBeReadWithItsCode(@TempDir Path folder) {
    Path missing = folder.resolve("NL.NCB.p12");
    PkiException problem = null;
    try {
      Pkcs12Store.read(missing, "password".toCharArray(), "signing");
    } catch (PkiException e) {
      problem = e;
    }
    assertThat(problem).isNotNull();

    FailureAnalysis analysis =
        new KeyMaterialFailureAnalyzer()
            .analyze(new BeanCreationException("configuredFederation", "failed", problem));

    assertThat(analysis.getDescription())
        .startsWith("The gateway's key material cannot be used (" + problem.code() + ")")
        .contains(missing.getFileName().toString())
        .doesNotContain("password\"");
    assertThat(analysis.getAction()).contains("liaison.units").contains("pki-walkthrough");
  }

  @Test
  void leavesOtherFailuresToOtherAnalyzers() {
    assertThat(new KeyMaterialFailureAnalyzer().analyze(new IllegalStateException("other")))
        .isNull();
  }
}
