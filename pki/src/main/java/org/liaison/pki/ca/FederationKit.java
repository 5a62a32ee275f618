package org.liaison.pki.ca;

import java.math.BigInteger;
import java.net.URI;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * A whole federation in memory, made in one call: a root CA, an issuing CA, and for each unit a
 * signing, an encryption and a TLS key with certificates issued from real CSRs. Tests of sealing
 * and validation use it, and so does the gateway's development mode. Nothing is written to disk.
 *
 * <pre>{@code
 * FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(UnitId.of("NL.NCB")));
 * PrivateKeyHandle signer = kit.unit(UnitId.of("NL.NCB")).signing();
 * X509CRL crl = kit.revoke(signer.certificate(), RevocationReason.KEY_COMPROMISE);
 * }</pre>
 */
public final class FederationKit {

  /** Where the kit's CAs say their CRLs are published (nobody fetches them). */
  public static final URI ROOT_CRL_URI = URI.create("http://crl.liaison.invalid/root.crl");

  public static final URI ISSUING_CRL_URI = URI.create("http://crl.liaison.invalid/issuing.crl");

  private final KeyAlgorithm algorithm;
  private final CertificateAuthority root;
  private final CertificateAuthority issuing;
  private final Map<UnitId, UnitKeys> units = new LinkedHashMap<>();

  private FederationKit(KeyAlgorithm algorithm, Clock clock) {
    this.algorithm = algorithm;
    MemoryCaStore rootStore = new MemoryCaStore();
    PrivateKeyHandle rootKey =
        CertificateAuthority.createRoot(
            "root",
            algorithm.generate(),
            Optional.empty(),
            "Liaison Test Root CA",
            rootStore,
            clock,
            SerialSource.random());
    this.root =
        new CertificateAuthority(rootKey, rootStore, CaPolicy.withCrlAt(ROOT_CRL_URI), clock);
    KeyPair issuingKeys = algorithm.generate();
    X509Certificate issuingCertificate =
        root.issueCa(issuingKeys.getPublic(), "Liaison Test Issuing CA").certificate();
    this.issuing =
        new CertificateAuthority(
            new KeyEntry(
                "issuing",
                issuingKeys.getPrivate(),
                Optional.empty(),
                List.of(issuingCertificate, rootKey.certificate())),
            new MemoryCaStore(),
            CaPolicy.withCrlAt(ISSUING_CRL_URI),
            clock);
    root.createCrl();
    issuing.createCrl();
  }

  /** A federation of {@code units} whose keys, CAs' included, are all of {@code algorithm}. */
  public static FederationKit create(KeyAlgorithm algorithm, Collection<UnitId> units) {
    return create(algorithm, units, Clock.systemUTC());
  }

  /** As {@link #create(KeyAlgorithm, Collection)}, issuing at the times {@code clock} gives. */
  public static FederationKit create(
      KeyAlgorithm algorithm, Collection<UnitId> units, Clock clock) {
    FederationKit kit = new FederationKit(algorithm, clock);
    for (UnitId unit : Set.copyOf(units).stream().sorted().toList()) {
      kit.addUnit(unit);
    }
    return kit;
  }

  /** Adds a unit with three fresh keys and certificates; returns them. */
  public synchronized UnitKeys addUnit(UnitId unit) {
    UnitKeys keys =
        new UnitKeys(
            unit,
            issueFresh(unit, CertificateProfile.SIGNING, null),
            issueFresh(unit, CertificateProfile.ENCRYPTION, null),
            issueFresh(unit, CertificateProfile.TLS, null));
    units.put(unit, keys);
    return keys;
  }

  /**
   * A fresh key and a certificate for {@code unit} under {@code profile} valid exactly for {@code
   * validity}: in the past for an expired certificate, in the future for a not-yet-valid one. The
   * unit's regular keys are not changed.
   */
  public PrivateKeyHandle issueExtra(UnitId unit, CertificateProfile profile, Validity validity) {
    return issueFresh(unit, profile, Objects.requireNonNull(validity, "validity"));
  }

  /**
   * A fresh key and a TLS certificate from the issuing CA for the federation service {@code name}
   * (a Kafka broker, the CA's administrative client) answering on {@code hosts}.
   */
  public PrivateKeyHandle issueService(String name, List<String> hosts) {
    KeyPair keys = algorithm.generate();
    IssuedCertificate issued = issuing.issueService(keys.getPublic(), name, hosts);
    return new KeyEntry(
        name,
        keys.getPrivate(),
        Optional.empty(),
        List.of(issued.certificate(), issuing.certificate()));
  }

  /**
   * A fresh key and the root's directory-signing certificate for it, named {@code name}; the chain
   * is the certificate and the root.
   */
  public PrivateKeyHandle issueDirectorySigner(String name) {
    KeyPair keys = algorithm.generate();
    IssuedCertificate issued = root.issueDirectorySigner(keys.getPublic(), name);
    return new KeyEntry(
        name,
        keys.getPrivate(),
        Optional.empty(),
        List.of(issued.certificate(), root.certificate()));
  }

  /** The key algorithm of every key in this federation. */
  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** The federation's trust anchor. */
  public X509Certificate trustAnchor() {
    return root.certificate();
  }

  /** The issuing CA's certificate (an intermediate). */
  public X509Certificate issuingCa() {
    return issuing.certificate();
  }

  /** The root CA, for tests that need it to issue or revoke (an issuing CA, say). */
  public CertificateAuthority rootAuthority() {
    return root;
  }

  /** The issuing CA, for tests that need to issue from their own CSRs. */
  public CertificateAuthority issuingAuthority() {
    return issuing;
  }

  /** The issuing CA's current CRL (for unit certificates). */
  public X509CRL crl() {
    return issuing.currentCrl().orElseThrow();
  }

  /** The root's current CRL (for the issuing CA). */
  public X509CRL rootCrl() {
    return root.currentCrl().orElseThrow();
  }

  /** Both current CRLs: root's and issuing CA's. */
  public List<X509CRL> crls() {
    return List.of(rootCrl(), crl());
  }

  /** The keys of {@code unit}. */
  public synchronized UnitKeys unit(UnitId unit) {
    UnitKeys keys = units.get(unit);
    if (keys == null) {
      throw new IllegalArgumentException("unit " + unit + " is not in this federation");
    }
    return keys;
  }

  /** The units, in id order. */
  public synchronized Set<UnitId> units() {
    return Set.copyOf(units.keySet());
  }

  /**
   * Revokes {@code certificate} (a unit certificate, or the issuing CA's) and returns the fresh CRL
   * of the CA that issued it.
   */
  public X509CRL revoke(X509Certificate certificate, RevocationReason reason) {
    BigInteger serial = certificate.getSerialNumber();
    if (certificate.getIssuerX500Principal().equals(root.certificate().getSubjectX500Principal())) {
      return root.revoke(serial, reason);
    }
    if (certificate
        .getIssuerX500Principal()
        .equals(issuing.certificate().getSubjectX500Principal())) {
      return issuing.revoke(serial, reason);
    }
    throw new PkiException(
        PkiException.Code.UNKNOWN_CERTIFICATE, "the certificate was not issued by this federation");
  }

  /** A fresh CRL from the issuing CA (a new CRL number and thisUpdate). */
  public X509CRL freshCrl() {
    return issuing.createCrl();
  }

  private PrivateKeyHandle issueFresh(UnitId unit, CertificateProfile profile, Validity validity) {
    KeyPair keys = algorithm.generate();
    PKCS10CertificationRequest csr =
        CsrBuilder.create(unit, profile, keys.getPublic(), keys.getPrivate(), Optional.empty());
    IssuedCertificate issued =
        validity == null
            ? issuing.issue(csr, unit, profile)
            : issuing.issue(csr, unit, profile, validity);
    return new KeyEntry(
        (unit.value() + "-" + profile.name()).toLowerCase(java.util.Locale.ROOT),
        keys.getPrivate(),
        Optional.empty(),
        List.of(issued.certificate(), issuing.certificate()));
  }
}
