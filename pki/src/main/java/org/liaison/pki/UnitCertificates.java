package org.liaison.pki;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.liaison.schemas.UnitId;

/**
 * Which unit a certificate belongs to, read from its SAN URI {@code urn:liaison:unit:<unit id>}.
 *
 * <p>Strict on purpose: the gateway decides who sent a notice by this answer, so any doubt gives no
 * unit at all rather than a guess. No unit when the URI is absent; when the certificate names two
 * different units, or a unit URI in a spelling {@link UnitUri#parse} refuses (another case, a
 * malformed id), because then two readers could disagree on the unit; and when a subject common
 * name is itself a unit id (or unit URI) other than the SAN's, because a reader that trusts the CN,
 * as many TLS tools do, would see another unit than the gateway.
 */
public final class UnitCertificates {

  private static final int SAN_URI = 6;

  /**
   * Answers already worked out, per certificate (certificates are equal when their encodings are;
   * the JDK's keep their hash code). Every seal asks for the signer's unit and every open for the
   * sender's, the same few certificates again and again, and reading the names costs a SAN parse,
   * an X.500 parse and regular expressions. Bounded: it starts over when full.
   */
  static final int MAX_REMEMBERED = 1024;

  private static final ConcurrentHashMap<X509Certificate, Optional<UnitId>> REMEMBERED =
      new ConcurrentHashMap<>();

  private UnitCertificates() {}

  /** The unit of {@code cert}, or empty when it names none or not unambiguously. */
  public static Optional<UnitId> unitOf(X509Certificate cert) {
    if (cert == null) {
      return Optional.empty();
    }
    Optional<UnitId> known = REMEMBERED.get(cert);
    if (known != null) {
      return known;
    }
    Optional<UnitId> unit = read(cert);
    if (REMEMBERED.size() >= MAX_REMEMBERED) {
      REMEMBERED.clear();
    }
    REMEMBERED.put(cert, unit);
    return unit;
  }

  private static Optional<UnitId> read(X509Certificate cert) {
    Set<UnitId> units = new HashSet<>();
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names != null) {
        for (List<?> name : names) {
          if (name.size() >= 2 && Integer.valueOf(SAN_URI).equals(name.get(0))) {
            String uri = String.valueOf(name.get(1));
            if (looksLikeUnitUri(uri)) {
              Optional<UnitId> unit = UnitUri.parse(uri);
              if (unit.isEmpty()) {
                return Optional.empty();
              }
              units.add(unit.get());
            }
          }
        }
      }
    } catch (CertificateParsingException | RuntimeException unreadable) {
      return Optional.empty();
    }
    if (units.size() != 1) {
      return Optional.empty();
    }
    UnitId unit = units.iterator().next();
    return commonNamesAgree(cert, unit) ? Optional.of(unit) : Optional.empty();
  }

  private static boolean looksLikeUnitUri(String uri) {
    return uri.toLowerCase(Locale.ROOT).startsWith(UnitUri.PREFIX);
  }

  private static boolean commonNamesAgree(X509Certificate cert, UnitId unit) {
    X500Name subject;
    try {
      subject = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    } catch (RuntimeException unreadable) {
      return false;
    }
    for (RDN rdn : subject.getRDNs()) {
      for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
        if (atv.getType().equals(BCStyle.CN) && !agrees(atv.getValue(), unit)) {
          return false;
        }
      }
    }
    return true;
  }

  /**
   * A common name agrees unless it names another unit: as a unit id in any letter case (tools
   * compare names case-insensitively) or as a unit URI, which must then parse to the same unit.
   */
  private static boolean agrees(ASN1Encodable value, UnitId unit) {
    String cn = value instanceof ASN1String text ? text.getString() : value.toString();
    String upper = cn.toUpperCase(Locale.ROOT);
    if (UnitId.isValid(upper)) {
      return upper.equals(unit.value());
    }
    if (looksLikeUnitUri(cn)) {
      return UnitUri.parse(cn).map(unit::equals).orElse(false);
    }
    return true;
  }
}
