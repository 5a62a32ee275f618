package org.liaison.pki.validation;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Whether the end entity's keyUsage and extendedKeyUsage allow the purpose. The JDK validator
 * checks key usage only for CAs, so this runs after it on the end entity. Without a keyUsage
 * extension the key is unrestricted (RFC 5280, 4.2.1.3); Liaison's CA always writes one.
 */
final class PurposeCheck {

  static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  static final String ANY_EXTENDED_KEY_USAGE = "2.5.29.37.0";

  private static final int DIGITAL_SIGNATURE = 0;
  private static final int NON_REPUDIATION = 1;
  private static final int KEY_ENCIPHERMENT = 2;
  private static final int KEY_AGREEMENT = 4;

  private PurposeCheck() {}

  /** Empty when the certificate fits the purpose; otherwise what is wrong. */
  static Optional<String> problem(X509Certificate cert, Purpose purpose) {
    boolean[] usage = cert.getKeyUsage();
    List<String> extended;
    try {
      extended = cert.getExtendedKeyUsage();
    } catch (CertificateParsingException e) {
      return Optional.of("its extendedKeyUsage cannot be read");
    }
    return switch (purpose) {
      case ANY -> Optional.empty();
      case SIGNING ->
          !has(usage, DIGITAL_SIGNATURE) && !has(usage, NON_REPUDIATION)
              ? Optional.of("its keyUsage has neither digitalSignature nor nonRepudiation")
              : tlsOnly(extended);
      case ENCRYPTION ->
          !has(usage, KEY_AGREEMENT) && !has(usage, KEY_ENCIPHERMENT)
              ? Optional.of("its keyUsage has neither keyAgreement nor keyEncipherment")
              : tlsOnly(extended);
      case TLS_CLIENT -> tls(usage, extended, CLIENT_AUTH, "clientAuth");
      case TLS_SERVER -> tls(usage, extended, SERVER_AUTH, "serverAuth");
    };
  }

  private static Optional<String> tls(
      boolean[] usage, List<String> extended, String oid, String oidName) {
    if (!has(usage, DIGITAL_SIGNATURE)) {
      return Optional.of("its keyUsage lacks digitalSignature");
    }
    if (extended != null && !extended.contains(oid) && !extended.contains(ANY_EXTENDED_KEY_USAGE)) {
      return Optional.of("its extendedKeyUsage lacks " + oidName);
    }
    return Optional.empty();
  }

  /**
   * Each unit has separate keys per purpose; a certificate whose extendedKeyUsage allows only TLS
   * must not also sign or decrypt notices.
   */
  private static Optional<String> tlsOnly(List<String> extended) {
    if (extended != null
        && !extended.isEmpty()
        && extended.stream().allMatch(o -> o.equals(SERVER_AUTH) || o.equals(CLIENT_AUTH))) {
      return Optional.of("its extendedKeyUsage allows only TLS");
    }
    return Optional.empty();
  }

  private static boolean has(boolean[] usage, int bit) {
    return usage == null || (bit < usage.length && usage[bit]);
  }
}
