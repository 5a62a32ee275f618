package org.liaison.pki.crypto;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Provider;
import java.security.Security;
import java.util.Objects;
import java.util.Optional;
import org.liaison.pki.CryptoProviders;

/**
 * The providers for one process, by primitive.
 *
 * @param asymmetric ECDSA signatures and raw ECDH agreement (ACCP when healthy, else Bouncy Castle)
 * @param content AES-GCM content encryption (ACCP when healthy, else the JDK's SunJCE: measured on
 *     a 2.8 KB notice at 1.3 against 3.3 µs per encryption, at 64 KB 10 against 20 µs, at 1 MB 150
 *     against 320 µs)
 * @param symmetric AES key wrap (RFC 3394; the JDK's SunJCE, ACCP has no such cipher)
 * @param fallback Bouncy Castle, for what neither of the others offers (RSA-PSS with explicit
 *     parameters, X.509 parsing, key factories for unusual encodings)
 * @param nativeCode whether {@code asymmetric} is the native provider
 */
public record ProviderChoice(
    Provider asymmetric,
    Provider content,
    Provider symmetric,
    Provider fallback,
    boolean nativeCode) {

  /**
   * System property that forces the pure-Java providers even where the native one loads, so that
   * the fallback path can be tested and measured on a machine that has ACCP.
   */
  public static final String FORCE_PURE_JAVA = "liaison.crypto.pure-java";

  private static final Provider BOUNCY_CASTLE = CryptoProviders.bouncyCastle();

  public ProviderChoice {
    Objects.requireNonNull(asymmetric, "asymmetric");
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(symmetric, "symmetric");
    Objects.requireNonNull(fallback, "fallback");
  }

  /** The fastest providers that work here, unless {@link #FORCE_PURE_JAVA} is {@code true}. */
  public static ProviderChoice select() {
    return Boolean.getBoolean(FORCE_PURE_JAVA) ? pureJava() : preferNative();
  }

  /** ACCP for the asymmetric primitives when it loaded and passes its self tests. */
  public static ProviderChoice preferNative() {
    return nativeProvider()
        .map(accp -> new ProviderChoice(accp, accp, sunJce(), BOUNCY_CASTLE, true))
        .orElseGet(ProviderChoice::pureJava);
  }

  /** Bouncy Castle for the asymmetric primitives, the JDK for AES: no native code at all. */
  public static ProviderChoice pureJava() {
    return new ProviderChoice(BOUNCY_CASTLE, sunJce(), sunJce(), BOUNCY_CASTLE, false);
  }

  /** A short name for reports and benchmark labels. */
  public String describe() {
    return "ECDSA/ECDH "
        + asymmetric.getName()
        + ", AES-GCM "
        + content.getName()
        + ", key wrap "
        + symmetric.getName();
  }

  private static Optional<Provider> nativeProvider() {
    try {
      AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
      if (accp.getLoadingError() != null) {
        return Optional.empty();
      }
      accp.assertHealthy();
      return Optional.of(accp);
    } catch (LinkageError | RuntimeException notLoadable) {
      // Another OS or CPU, or a failed self test: the pure-Java providers take over.
      return Optional.empty();
    }
  }

  private static Provider sunJce() {
    Provider sunJce = Security.getProvider("SunJCE");
    return sunJce != null ? sunJce : BOUNCY_CASTLE;
  }
}
