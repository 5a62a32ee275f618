package org.liaison.gateway.units;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.liaison.pki.PkiException;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.ca.Placeholder;
import org.liaison.pki.keys.KeyPossession;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.Purpose;
import org.liaison.pki.validation.ValidationResult;

/**
 * What a unit's keys read again from its key store must pass before they replace the running ones:
 * every key is its certificate's, every certificate names the unit, and the current signing and
 * encryption certificates validate for their purpose now, up to the federation's trust anchors and
 * against its CRLs (the validator that opens notices). Older encryption keys only need to be their
 * certificates': they are kept to open what was sealed to them, expired or not.
 */
public final class UnitKeysCheck {

  /** Why a key store was not applied. */
  public enum Reason {
    /** Not a PKCS#12 file, a wrong or missing password, too large, or not readable. */
    UNREADABLE,
    /** The signing or encryption alias is missing. */
    KEY_NOT_FOUND,
    /**
     * A key still has the stand-in certificate of {@code unit rotate}: {@code pem import} first.
     */
    AWAITING_CERTIFICATE,
    /** A certificate names another unit, or none. */
    UNIT_MISMATCH,
    /** A private key is not the key of its certificate. */
    KEY_MISMATCH,
    /** The signing or encryption certificate does not validate now (expired, revoked, foreign). */
    CERTIFICATE_INVALID
  }

  /** A refusal, with a message that names aliases and serial numbers, never a key or password. */
  public static final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final Reason reason;

    public Refused(Reason reason, String message, Throwable cause) {
      super(message, cause);
      this.reason = reason;
    }

    public Reason reason() {
      return reason;
    }
  }

  private UnitKeysCheck() {}

  /** Returns normally when {@code unit}'s keys may be used; else {@link Refused}. */
  public static void check(HostedUnit unit, CertificateValidator validator, Instant now) {
    checkKeys(unit);
    valid(unit.signing(), Purpose.SIGNING, validator, now);
    valid(unit.encryption(), Purpose.ENCRYPTION, validator, now);
  }

  /**
   * The checks that need no trust material, also made at start: no stand-in certificate, every
   * certificate names the unit, every key is its certificate's. (At start a certificate that does
   * not validate is left to the health check and to the peers that refuse it, as before.)
   */
  public static void checkKeys(HostedUnit unit) {
    for (PrivateKeyHandle current : List.of(unit.signing(), unit.encryption())) {
      if (Placeholder.is(current.certificate())) {
        throw new Refused(
            Reason.AWAITING_CERTIFICATE,
            "key '"
                + current.alias()
                + "' still has the stand-in certificate of 'unit rotate': import its certificate"
                + " with 'pem import' first",
            null);
      }
    }
    for (PrivateKeyHandle key : all(unit)) {
      Optional<?> named = UnitCertificates.unitOf(key.certificate());
      if (named.isEmpty() || !named.get().equals(unit.id())) {
        throw new Refused(
            Reason.UNIT_MISMATCH,
            "the certificate of key '"
                + key.alias()
                + "' (serial "
                + serial(key.certificate())
                + ") names "
                + named.map(String::valueOf).orElse("no unit")
                + ", not "
                + unit.id(),
            null);
      }
      try {
        KeyPossession.check(key);
      } catch (PkiException e) {
        throw new Refused(Reason.KEY_MISMATCH, e.getMessage(), e);
      }
    }
  }

  private static void valid(
      PrivateKeyHandle key, Purpose purpose, CertificateValidator validator, Instant now) {
    List<X509Certificate> chain = key.chain();
    ValidationResult result =
        validator.validate(chain.get(0), chain.subList(1, chain.size()), purpose, now);
    if (!result.valid()) {
      throw new Refused(
          Reason.CERTIFICATE_INVALID,
          "the certificate of key '"
              + key.alias()
              + "' (serial "
              + serial(key.certificate())
              + ") is not valid for "
              + purpose
              + ": "
              + result.reason()
              + (result.detail().isEmpty() ? "" : " (" + result.detail() + ")"),
          null);
    }
  }

  private static List<PrivateKeyHandle> all(HostedUnit unit) {
    List<PrivateKeyHandle> keys = new ArrayList<>();
    keys.add(unit.signing());
    keys.add(unit.encryption());
    keys.addAll(unit.olderEncryption());
    return keys;
  }

  static String serial(X509Certificate cert) {
    return cert.getSerialNumber().toString(16);
  }
}
