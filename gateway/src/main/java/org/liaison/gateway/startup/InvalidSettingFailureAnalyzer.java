package org.liaison.gateway.startup;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

/**
 * A setting that is missing or wrong: its name and problem, and the setting's own advice. First
 * among the analyzers, so that a setting's advice wins over a generic analysis of an exception it
 * wraps (a key store's, say).
 */
public class InvalidSettingFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSettingException>
    implements Ordered {

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidSettingException cause) {
    return new FailureAnalysis("The setting " + cause.getMessage(), cause.action(), cause);
  }
}
