package org.liaison.gateway.startup;

import java.util.Objects;

/**
 * A setting that is missing or that the gateway cannot use, found while it starts: the setting's
 * name, what is wrong with it (a phrase that follows the name: "is not set"), and what the operator
 * should do. {@link InvalidSettingFailureAnalyzer} prints it.
 */
public class InvalidSettingException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final String setting;
  private final String problem;
  private final String action;

  public InvalidSettingException(String setting, String problem, String action) {
    this(setting, problem, action, null);
  }

  public InvalidSettingException(String setting, String problem, String action, Throwable cause) {
    super(setting + " " + problem, cause);
    this.setting = Objects.requireNonNull(setting, "setting");
    this.problem = Objects.requireNonNull(problem, "problem");
    this.action = Objects.requireNonNull(action, "action");
  }

  public String setting() {
    return setting;
  }

  public String problem() {
    return problem;
  }

  public String action() {
    return action;
  }
}
