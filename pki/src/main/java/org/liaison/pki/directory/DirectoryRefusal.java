package org.liaison.pki.directory;

import java.util.Objects;

/** A directory entry refused: the reason code, and a sentence for the log (no key material). */
public final class DirectoryRefusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final DirectoryReason reason;

  public DirectoryRefusal(DirectoryReason reason, String detail) {
    super(detail);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public DirectoryRefusal(DirectoryReason reason, String detail, Throwable cause) {
    super(detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public DirectoryReason reason() {
    return reason;
  }

  @Override
  public String toString() {
    return "[" + reason + "] " + getMessage();
  }
}
