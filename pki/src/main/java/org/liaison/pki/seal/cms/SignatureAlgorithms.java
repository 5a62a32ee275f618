package org.liaison.pki.seal.cms;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;

/** The JCA signature algorithm a Liaison signer uses for its key: one choice per key type. */
public final class SignatureAlgorithms {

  private SignatureAlgorithms() {}

  /**
   * ECDSA with the hash that matches the curve (P-256 with SHA-256, P-384 with SHA-384); RSASSA-PSS
   * with SHA-256 for RSA keys.
   */
  public static String forKey(PublicKey key) {
    if (key instanceof ECPublicKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits > 256 ? "SHA384withECDSA" : "SHA256withECDSA";
    }
    if (key instanceof RSAPublicKey) {
      return "SHA256withRSAandMGF1";
    }
    throw new IllegalArgumentException(
        "no signature algorithm for " + key.getAlgorithm() + " keys");
  }

  /** Whether the key is an elliptic-curve key (for which the native provider is preferred). */
  public static boolean isEc(PublicKey key) {
    return key instanceof ECPublicKey;
  }
}
