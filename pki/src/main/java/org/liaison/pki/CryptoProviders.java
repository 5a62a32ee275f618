package org.liaison.pki;

import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The one Bouncy Castle provider instance the PKI code names in its builders. It is not installed
 * in {@link java.security.Security}: every builder names it, so nothing depends on the global
 * provider order.
 */
public final class CryptoProviders {

  private static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();

  private CryptoProviders() {}

  /** The shared Bouncy Castle provider. */
  public static Provider bouncyCastle() {
    return BOUNCY_CASTLE;
  }

  /**
   * The JDK's own provider of X.509 certificate and CRL objects. Certificates are handed out as JDK
   * objects because their {@code verify} works with the installed providers, whereas Bouncy
   * Castle's objects look up Bouncy Castle algorithm names (such as RSASSA-PSS's) among installed
   * providers and fail when Bouncy Castle is not installed, as here.
   */
  public static Provider certificates() {
    return Security.getProvider("SUN");
  }
}
