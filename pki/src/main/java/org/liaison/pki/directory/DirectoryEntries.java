package org.liaison.pki.directory;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.cert.CRLException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.liaison.pki.PkiException;
import org.liaison.schemas.AvroTrust;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CrlEntry;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.EntryKind;
import org.liaison.schemas.avro.PolicyEntry;
import org.liaison.schemas.avro.UnitEntry;
import org.liaison.schemas.avro.UnitStatus;

/** Makes the directory's entries (unsigned: {@link DirectoryEntrySigner} signs them). */
public final class DirectoryEntries {

  /** The entry format this code writes. */
  public static final int FORMAT_VERSION = 1;

  private DirectoryEntries() {}

  /** A unit entry; the certificates are written newest first as given. */
  public static DirectoryEntry unit(
      UnitId unit,
      String displayName,
      UnitStatus status,
      List<X509Certificate> encryption,
      List<X509Certificate> signing,
      List<X509Certificate> chain,
      long sequence,
      Instant issuedAt) {
    AvroTrust.install();
    UnitEntry body =
        UnitEntry.newBuilder()
            .setUnitId(unit.value())
            .setDisplayName(displayName)
            .setCountry(unit.country())
            .setStatus(status)
            .setEncryptionCertificates(der(encryption))
            .setSigningCertificates(der(signing))
            .setChain(der(chain))
            .build();
    return entry(EntryKind.UNIT, unit.value(), sequence, issuedAt, body);
  }

  /** The entry of {@code crl}, keyed by its issuer's name. */
  public static DirectoryEntry crl(X509CRL crl, long sequence, Instant issuedAt) {
    AvroTrust.install();
    try {
      CrlEntry body =
          CrlEntry.newBuilder()
              .setCrl(ByteBuffer.wrap(crl.getEncoded()))
              .setCrlNumber(crlNumber(crl).longValueExact())
              .setNextUpdate(crl.getNextUpdate().toInstant())
              .build();
      return entry(EntryKind.CRL, crlSubject(crl), sequence, issuedAt, body);
    } catch (CRLException | ArithmeticException | NullPointerException e) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT, "the CRL has no usable number or next update", e);
    }
  }

  /** The federation policy entry. */
  public static DirectoryEntry policy(PolicyEntry body, long sequence, Instant issuedAt) {
    return entry(EntryKind.POLICY, EntryKey.FEDERATION, sequence, issuedAt, body);
  }

  /** The subject of a CRL's entry: its issuer's name as RFC 2253 text. */
  public static String crlSubject(X509CRL crl) {
    return crl.getIssuerX500Principal().getName(X500Principal.RFC2253);
  }

  /** A CRL's cRLNumber, or -1 when it has none. */
  static BigInteger crlNumber(X509CRL crl) {
    byte[] value = crl.getExtensionValue(Extension.cRLNumber.getId());
    if (value == null) {
      return BigInteger.ONE.negate();
    }
    return ASN1Integer.getInstance(ASN1OctetString.getInstance(value).getOctets()).getValue();
  }

  private static DirectoryEntry entry(
      EntryKind kind, String subject, long sequence, Instant issuedAt, Object body) {
    AvroTrust.install();
    return DirectoryEntry.newBuilder()
        .setFormatVersion(FORMAT_VERSION)
        .setKind(kind)
        .setSubject(subject)
        .setSequence(sequence)
        .setIssuedAt(issuedAt)
        .setBody(body)
        .build();
  }

  private static List<ByteBuffer> der(List<X509Certificate> certificates) {
    List<ByteBuffer> out = new ArrayList<>(certificates.size());
    for (X509Certificate certificate : certificates) {
      try {
        out.add(ByteBuffer.wrap(certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new PkiException(PkiException.Code.BAD_INPUT, "unencodable certificate", e);
      }
    }
    return out;
  }
}
