package org.liaison.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

class InvalidSettingFailureAnalyzerTest {

  @Test
  void describesTheSettingAndGivesItsAction() {
    InvalidSettingException problem =
        new InvalidSettingException("liaison.units", "is empty", "Name each hosted unit");
    BeanCreationException wrapped =
        new BeanCreationException("configuredFederation", "creation failed", problem);

    FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(wrapped);

    assertThat(analysis.getDescription()).isEqualTo("The setting liaison.units is empty");
    assertThat(analysis.getAction()).isEqualTo("Name each hosted unit");
    assertThat(analysis.getCause()).isSameAs(problem);
  }

  @Test
  void leavesOtherFailuresToOtherAnalyzers() {
    assertThat(new InvalidSettingFailureAnalyzer().analyze(new IllegalStateException("other")))
        .isNull();
  }
}
