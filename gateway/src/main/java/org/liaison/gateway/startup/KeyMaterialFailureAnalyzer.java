package org.liaison.gateway.startup;

import org.liaison.pki.PkiException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A key store, its password, or a certificate or revocation-list file the configuration names that
 * cannot be read or used (missing file, wrong password, no such alias, an expired or untrusted
 * certificate): the PKI's reason code and message, which name the file or alias but never a
 * password or key.
 */
public class KeyMaterialFailureAnalyzer extends AbstractFailureAnalyzer<PkiException> {

  static final String ACTION =
      "Check the files and aliases that liaison.units (keystore, password-file or password-env,"
          + " signing-alias, encryption-alias, tls-alias) and liaison.trust name, and that the"
          + " certificates were issued by the federation's CA; docs/pki-walkthrough.md shows how"
          + " they are made.";

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, PkiException cause) {
    return new FailureAnalysis(
        "The gateway's key material cannot be used (" + cause.code() + "): " + cause.getMessage(),
        ACTION,
        cause);
  }
}
