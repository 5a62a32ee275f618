package org.liaison.pki.cli;

/** The exit codes of {@code liaison-pki}, the same for every subcommand. */
public final class ExitCodes {

  /** Done; or, for {@code cert verify}, the certificate is valid. */
  public static final int OK = 0;

  /** {@code cert verify}: the certificate is not valid (the reason is printed). */
  public static final int INVALID = 1;

  /** The command line is wrong: unknown option, missing or malformed value. */
  public static final int USAGE = 2;

  /**
   * The operation was refused or failed: wrong password, missing file, CSR for another unit,
   * expired CA, revoking twice, and so on. The message names the reason code.
   */
  public static final int FAILED = 3;

  private ExitCodes() {}
}
