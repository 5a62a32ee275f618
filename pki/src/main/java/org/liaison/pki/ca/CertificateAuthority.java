package org.liaison.pki.ca;

import static org.liaison.pki.PkiException.Code.ALREADY_REVOKED;
import static org.liaison.pki.PkiException.Code.CA_EXPIRED;
import static org.liaison.pki.PkiException.Code.CERTIFICATE_REVOKED;
import static org.liaison.pki.PkiException.Code.CSR_USAGE_NOT_ALLOWED;
import static org.liaison.pki.PkiException.Code.UNKNOWN_CERTIFICATE;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.Provider;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * A CA at work: its key (software or HSM), its register, its policy. It issues unit certificates
 * from checked CSRs and issuing-CA certificates, renews, revokes and makes CRLs. Each operation
 * reserves its serial or CRL number durably before signing and records the result before returning,
 * so that a crash at any point leaves no half-issued certificate and no reused number.
 */
public final class CertificateAuthority {

  private static final Pattern SERVICE_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,63}");
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,62})(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,62}))*");

  private final PrivateKeyHandle key;
  private final CaStore store;
  private final CaPolicy policy;
  private final Clock clock;
  private final SerialSource serials;
  private final CrashPoints crashPoints;
  private final CsrCheck csrCheck;

  public CertificateAuthority(
      PrivateKeyHandle key,
      CaStore store,
      CaPolicy policy,
      Clock clock,
      SerialSource serials,
      CrashPoints crashPoints) {
    this.key = Objects.requireNonNull(key, "key");
    this.store = Objects.requireNonNull(store, "store");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.serials = Objects.requireNonNull(serials, "serials");
    this.crashPoints = Objects.requireNonNull(crashPoints, "crashPoints");
    this.csrCheck = new CsrCheck(policy.allowedKeys());
  }

  public CertificateAuthority(PrivateKeyHandle key, CaStore store, CaPolicy policy, Clock clock) {
    this(key, store, policy, clock, SerialSource.random(), CrashPoints.NONE);
  }

  /**
   * Makes a self-signed root CA certificate for {@code keys} (valid for {@link
   * CaPolicy#ROOT_VALIDITY}), records it in {@code store}, and returns the root's key handle.
   */
  public static PrivateKeyHandle createRoot(
      String alias,
      KeyPair keys,
      Optional<Provider> provider,
      String commonName,
      CaStore store,
      Clock clock,
      SerialSource serials) {
    BigInteger serial = reserve(store, serials);
    Validity validity = Validity.starting(clock.instant(), CaPolicy.ROOT_VALIDITY);
    X509Certificate certificate =
        CertificateMaker.root(
            UnitNames.caSubject(commonName),
            SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded()),
            serial,
            validity,
            Signers.forKey(keys.getPrivate(), keys.getPublic(), provider));
    store.recordIssued(
        new IssuedCertificate(
            certificate, commonName, CertificateProfile.ROOT_CA, Optional.empty()));
    return new KeyEntry(alias, keys.getPrivate(), provider, List.of(certificate));
  }

  /** The CA's own certificate. */
  public X509Certificate certificate() {
    return key.certificate();
  }

  /** The CA's certificate first, then its issuers. */
  public List<X509Certificate> chain() {
    return key.chain();
  }

  /** The policy this CA issues under. */
  public CaPolicy policy() {
    return policy;
  }

  /** Issues a unit certificate from {@code csr} with the policy's validity. */
  public IssuedCertificate issue(
      PKCS10CertificationRequest csr, UnitId unit, CertificateProfile profile) {
    return issue(csr, unit, profile, defaultValidity(policy.unitValidity()));
  }

  /**
   * Issues a unit certificate from {@code csr} valid for exactly {@code validity}, which may lie in
   * the past or the future: tests use it to make expired and not-yet-valid certificates.
   */
  public synchronized IssuedCertificate issue(
      PKCS10CertificationRequest csr, UnitId unit, CertificateProfile profile, Validity validity) {
    AcceptedRequest accepted = csrCheck.check(csr, unit, profile);
    return issueAccepted(accepted, validity);
  }

  /** Certifies {@code publicKey} as an issuing CA named {@code commonName} (path length 0). */
  public synchronized IssuedCertificate issueCa(PublicKey publicKey, String commonName) {
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
    if (KeyAlgorithm.of(info).filter(policy.allowedKeys()::contains).isEmpty()) {
      throw new PkiException(
          PkiException.Code.CSR_KEY_NOT_ALLOWED,
          "the CA key (" + KeyAlgorithm.describe(info) + ") is not allowed");
    }
    Validity validity = defaultValidity(policy.caValidity());
    return sign(
        serial ->
            CertificateMaker.issuingCa(
                key.certificate(),
                UnitNames.caSubject(commonName),
                info,
                serial,
                validity,
                policy.crlDistributionPoint(),
                Signers.forHandle(key)),
        commonName,
        CertificateProfile.ISSUING_CA);
  }

  /**
   * Issues a TLS certificate (serverAuth and clientAuth) to the federation service {@code name}, a
   * Kafka broker or the CA's administrative client, for {@code publicKey}: subject {@code
   * O=Liaison, OU=Services, CN=<name>} and {@code hosts} (DNS names or IP addresses) as SANs. It is
   * recorded under the TLS profile with the service's name as holder; it is not renewed like a
   * unit's certificate but issued again.
   *
   * @param name lower case letters, digits, dots and hyphens, such as {@code kafka-1} or {@code
   *     liaison-ca}
   */
  public synchronized IssuedCertificate issueService(
      PublicKey publicKey, String name, List<String> hosts) {
    return issueService(publicKey, name, hosts, defaultValidity(policy.unitValidity()));
  }

  /**
   * As {@link #issueService(PublicKey, String, List)}, for the key of {@code csr} once its
   * signature proves the requester holds the key; the CSR's subject and extensions are ignored: the
   * name and hosts are the CA operator's to give.
   */
  public synchronized IssuedCertificate issueService(
      PKCS10CertificationRequest csr, String name, List<String> hosts) {
    CsrCheck.checkProofOfPossession(csr);
    return issueService(
        csr.getSubjectPublicKeyInfo(), name, hosts, defaultValidity(policy.unitValidity()));
  }

  /** As {@link #issueService(PublicKey, String, List)}, valid for exactly {@code validity}. */
  public synchronized IssuedCertificate issueService(
      PublicKey publicKey, String name, List<String> hosts, Validity validity) {
    return issueService(
        SubjectPublicKeyInfo.getInstance(publicKey.getEncoded()), name, hosts, validity);
  }

  private IssuedCertificate issueService(
      SubjectPublicKeyInfo info, String name, List<String> hosts, Validity validity) {
    if (name == null || !SERVICE_NAME.matcher(name).matches()) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT,
          "service name '"
              + name
              + "' must be 2-64 lower case letters, digits, dots or hyphens, starting with a"
              + " letter or digit");
    }
    KeyAlgorithm algorithm =
        KeyAlgorithm.of(info)
            .filter(policy.allowedKeys()::contains)
            .orElseThrow(
                () ->
                    new PkiException(
                        PkiException.Code.CSR_KEY_NOT_ALLOWED,
                        "the service key (" + KeyAlgorithm.describe(info) + ") is not allowed"));
    List<GeneralName> names = hosts.stream().map(CertificateAuthority::hostName).toList();
    return sign(
        serial ->
            CertificateMaker.service(
                key.certificate(),
                name,
                names,
                info,
                algorithm,
                serial,
                validity,
                policy.crlDistributionPoint(),
                Signers.forHandle(key)),
        name,
        CertificateProfile.TLS);
  }

  /**
   * Issues the directory-signing certificate {@code O=Liaison, OU=Directory, CN=<name>} for {@code
   * publicKey} (see {@link CertificateProfile#DIRECTORY_SIGNING}). Only a root issues it: gateways
   * accept directory entries from a signer the root itself certified, so that the key of an issuing
   * CA, which certifies units every day, cannot also rewrite the directory.
   *
   * @throws PkiException CA_STATE_INVALID when this CA is not a root; BAD_INPUT for a bad name;
   *     CSR_KEY_NOT_ALLOWED for a key type the policy does not accept
   */
  public synchronized IssuedCertificate issueDirectorySigner(PublicKey publicKey, String name) {
    X509Certificate own = key.certificate();
    if (!own.getSubjectX500Principal().equals(own.getIssuerX500Principal())) {
      throw new PkiException(
          PkiException.Code.CA_STATE_INVALID,
          "only the federation root issues the directory-signing certificate; this CA is "
              + own.getSubjectX500Principal().getName());
    }
    if (name == null || !SERVICE_NAME.matcher(name).matches()) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT,
          "directory signer name '"
              + name
              + "' must be 2-64 lower case letters, digits, dots or hyphens");
    }
    SubjectPublicKeyInfo info = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
    if (KeyAlgorithm.of(info).filter(policy.allowedKeys()::contains).isEmpty()) {
      throw new PkiException(
          PkiException.Code.CSR_KEY_NOT_ALLOWED,
          "the directory signer's key (" + KeyAlgorithm.describe(info) + ") is not allowed");
    }
    Validity validity = defaultValidity(policy.unitValidity());
    return sign(
        serial ->
            CertificateMaker.directorySigner(
                own,
                name,
                info,
                serial,
                validity,
                policy.crlDistributionPoint(),
                Signers.forHandle(key)),
        name,
        CertificateProfile.DIRECTORY_SIGNING);
  }

  private static GeneralName hostName(String host) {
    if (IPV4.matcher(host).matches() || host.contains(":")) {
      try {
        return new GeneralName(GeneralName.iPAddress, host);
      } catch (IllegalArgumentException e) {
        throw new PkiException(PkiException.Code.BAD_INPUT, "'" + host + "' is no IP address", e);
      }
    }
    if (!DNS_NAME.matcher(host).matches()) {
      throw new PkiException(PkiException.Code.BAD_INPUT, "'" + host + "' is no DNS name");
    }
    return new GeneralName(GeneralName.dNSName, host);
  }

  /**
   * Issues a new certificate for the same unit and profile as certificate {@code serial}: for the
   * key in {@code csr} when given (a key rollover), else for the same key.
   */
  public synchronized IssuedCertificate renew(
      BigInteger serial, Optional<PKCS10CertificationRequest> csr) {
    IssuedCertificate old = find(serial);
    if (old.revocation().isPresent()) {
      throw new PkiException(
          CERTIFICATE_REVOKED,
          "certificate " + hex(serial) + " is revoked; issue a new one from a fresh CSR");
    }
    if (!old.profile().forUnits()) {
      throw new PkiException(
          CSR_USAGE_NOT_ALLOWED, "only unit certificates are renewed; CAs are re-created");
    }
    if (!UnitId.isValid(old.holder())) {
      throw new PkiException(
          CSR_USAGE_NOT_ALLOWED,
          "certificate " + hex(serial) + " is a service's; issue the service a new one");
    }
    UnitId unit = UnitId.of(old.holder());
    AcceptedRequest accepted;
    if (csr.isPresent()) {
      accepted = csrCheck.check(csr.get(), unit, old.profile());
    } else {
      SubjectPublicKeyInfo info =
          SubjectPublicKeyInfo.getInstance(old.certificate().getPublicKey().getEncoded());
      accepted =
          new AcceptedRequest(
              unit,
              old.profile(),
              info,
              KeyAlgorithm.of(info)
                  .filter(policy.allowedKeys()::contains)
                  .orElseThrow(
                      () ->
                          new PkiException(
                              PkiException.Code.CSR_KEY_NOT_ALLOWED,
                              "the old certificate's key is no longer allowed; send a new CSR")));
    }
    return issueAccepted(accepted, defaultValidity(policy.unitValidity()));
  }

  /**
   * Revokes certificate {@code serial} and returns the new CRL that lists it.
   *
   * @throws PkiException UNKNOWN_CERTIFICATE, or ALREADY_REVOKED when it was revoked before
   */
  public synchronized X509CRL revoke(BigInteger serial, RevocationReason reason) {
    IssuedCertificate issued = find(serial);
    if (issued.revocation().isPresent()) {
      Revocation before = issued.revocation().get();
      throw new PkiException(
          ALREADY_REVOKED,
          "certificate "
              + hex(serial)
              + " of "
              + issued.holder()
              + " was already revoked on "
              + before.revokedAt()
              + " ("
              + before.reason().cliName()
              + ")");
    }
    store.recordRevocation(
        serial, new Revocation(reason, clock.instant().truncatedTo(ChronoUnit.SECONDS)));
    crashPoints.reached(CrashPoints.Step.REVOCATION_RECORDED);
    return createCrl();
  }

  /** Makes, records and returns a fresh CRL with the next CRL number. */
  public synchronized X509CRL createCrl() {
    BigInteger number = store.reserveCrlNumber();
    crashPoints.reached(CrashPoints.Step.CRL_NUMBER_RESERVED);
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    List<IssuedCertificate> revoked =
        store.issued().stream().filter(i -> i.revocation().isPresent()).toList();
    X509CRL crl = CrlMaker.create(key, revoked, number, now, now.plus(policy.crlLifetime()));
    store.recordCrl(crl);
    return crl;
  }

  /** The latest CRL, if one was made. */
  public Optional<X509CRL> currentCrl() {
    return store.currentCrl();
  }

  /** Every certificate this CA issued, with its revocation. */
  public List<IssuedCertificate> list() {
    return store.issued();
  }

  /** The certificate with {@code serial}, or UNKNOWN_CERTIFICATE. */
  public IssuedCertificate find(BigInteger serial) {
    return store
        .find(serial)
        .orElseThrow(
            () ->
                new PkiException(
                    UNKNOWN_CERTIFICATE,
                    "this CA issued no certificate with serial " + hex(serial)));
  }

  /**
   * Finishes what a crash interrupted: a revocation recorded but not yet in a CRL gets its CRL now.
   * Returns whether a CRL was made.
   */
  public synchronized boolean recover() {
    List<IssuedCertificate> revoked =
        store.issued().stream().filter(i -> i.revocation().isPresent()).toList();
    if (revoked.isEmpty()) {
      return false;
    }
    Optional<X509CRL> crl = store.currentCrl();
    boolean complete =
        crl.isPresent()
            && revoked.stream().allMatch(i -> crl.get().getRevokedCertificate(i.serial()) != null);
    if (complete) {
      return false;
    }
    createCrl();
    return true;
  }

  private IssuedCertificate issueAccepted(AcceptedRequest accepted, Validity validity) {
    return sign(
        serial ->
            CertificateMaker.unit(
                key.certificate(),
                accepted.unit(),
                accepted.profile(),
                accepted.publicKey(),
                accepted.algorithm(),
                serial,
                validity,
                policy.crlDistributionPoint(),
                Signers.forHandle(key)),
        accepted.unit().value(),
        accepted.profile());
  }

  private IssuedCertificate sign(
      Function<BigInteger, X509Certificate> make, String holder, CertificateProfile profile) {
    checkCaValid();
    BigInteger serial = reserve(store, serials);
    crashPoints.reached(CrashPoints.Step.SERIAL_RESERVED);
    X509Certificate certificate = make.apply(serial);
    crashPoints.reached(CrashPoints.Step.CERTIFICATE_SIGNED);
    IssuedCertificate issued =
        new IssuedCertificate(certificate, holder, profile, Optional.empty());
    store.recordIssued(issued);
    crashPoints.reached(CrashPoints.Step.CERTIFICATE_RECORDED);
    return issued;
  }

  private void checkCaValid() {
    Instant now = clock.instant();
    X509Certificate own = key.certificate();
    if (now.isAfter(own.getNotAfter().toInstant())) {
      throw new PkiException(
          CA_EXPIRED,
          "the CA certificate "
              + own.getSubjectX500Principal().getName()
              + " expired on "
              + own.getNotAfter().toInstant()
              + "; it can no longer issue");
    }
    if (now.isBefore(own.getNotBefore().toInstant())) {
      throw new PkiException(
          CA_EXPIRED, "the CA certificate is not valid before " + own.getNotBefore().toInstant());
    }
  }

  private Validity defaultValidity(Duration length) {
    checkCaValid();
    return Validity.starting(clock.instant(), length)
        .endingNoLaterThan(key.certificate().getNotAfter().toInstant());
  }

  private static BigInteger reserve(CaStore store, SerialSource serials) {
    for (int attempt = 0; attempt < 100; attempt++) {
      BigInteger serial = serials.next();
      if (store.reserveSerial(serial)) {
        return serial;
      }
    }
    throw new PkiException(
        PkiException.Code.CRYPTO_FAILURE, "the serial source keeps repeating used serials");
  }

  /** A serial as OpenSSL prints it. */
  private static String hex(BigInteger serial) {
    return serial.toString(16).toUpperCase(java.util.Locale.ROOT);
  }
}
