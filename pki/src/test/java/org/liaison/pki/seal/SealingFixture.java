package org.liaison.pki.seal;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.bouncycastle.cms.CMSException;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.AuthEnvelopedEncryptor;
import org.liaison.pki.seal.cms.SignedDataCreator;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.Classification;
import org.liaison.schemas.avro.HandlingCode;
import org.liaison.schemas.avro.InformationAssessment;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Priority;
import org.liaison.schemas.avro.SourceReliability;
import org.liaison.schemas.codec.AvroCodec;

/**
 * A federation of three units (the Dutch national unit, its attaché in Bangkok, a Thai unit) and
 * the means to seal, open and tamper with notices between them.
 */
final class SealingFixture {

  static final UnitId NL = UnitId.of("NL.NCB");
  static final UnitId ATT = UnitId.of("NL.ATT-BKK");
  static final UnitId TH = UnitId.of("TH.CIB");

  static {
    // The codec lets Avro trust the generated classes; a CaseNotice builder needs that too.
    AvroCodec.caseNotices();
  }

  final FederationKit kit;
  final ProviderChoice providers;

  private static final Map<KeyAlgorithm, FederationKit> SHARED = new ConcurrentHashMap<>();

  SealingFixture(KeyAlgorithm algorithm, ProviderChoice providers, UnitId... units) {
    this(FederationKit.create(algorithm, List.of(units)), providers);
  }

  private SealingFixture(FederationKit kit, ProviderChoice providers) {
    this.kit = kit;
    this.providers = providers;
  }

  /**
   * A federation of NL and TH made once per algorithm and shared by tests that neither revoke nor
   * add units (RSA keys take seconds to make).
   */
  static SealingFixture shared(KeyAlgorithm algorithm, ProviderChoice providers) {
    return new SealingFixture(
        SHARED.computeIfAbsent(algorithm, a -> FederationKit.create(a, List.of(NL, TH))),
        providers);
  }

  /** A fixture around a federation the test made itself (for example on a clock it moves). */
  static SealingFixture of(FederationKit kit, ProviderChoice providers) {
    return new SealingFixture(kit, providers);
  }

  static SealingFixture ec(ProviderChoice providers) {
    return new SealingFixture(KeyAlgorithm.EC_P256, providers, NL, ATT, TH);
  }

  /** Both provider sets: the native one where it loads, and the pure-Java fallback. */
  static Stream<ProviderChoice> providerChoices() {
    return Stream.of(ProviderChoice.preferNative(), ProviderChoice.pureJava());
  }

  static CaseNotice.Builder notice(UnitId originator, UnitId... recipients) {
    return CaseNotice.newBuilder()
        .setFormatVersion(1)
        .setNoticeId(UUID.randomUUID())
        .setOriginator(originator.value())
        .setRecipients(Stream.of(recipients).map(UnitId::value).toList())
        .setCreatedAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
        .setNoticeType(NoticeType.INFORMATION_REQUEST)
        .setPriority(Priority.URGENT)
        .setClassification(Classification.RESTRICTED)
        .setHandlingCode(HandlingCode.H2)
        .setSourceReliability(SourceReliability.B)
        .setInformationAssessment(InformationAssessment.KNOWN_TO_SOURCE)
        .setLanguage("en")
        .setTitle("Request for records of a recruitment agency")
        .setSummary("Workers recruited for construction sites report confiscated passports.");
  }

  PrivateKeyHandle signing(UnitId unit) {
    return kit.unit(unit).signing();
  }

  X509Certificate encryption(UnitId unit) {
    return kit.unit(unit).encryption().certificate();
  }

  OpeningKeys keys(UnitId unit) {
    return new OpeningKeys(unit, kit.unit(unit).encryption());
  }

  CertificateValidator validator() {
    return new CertificateValidator(
        new TrustContext(
            List.of(kit.trustAnchor()),
            List.of(kit.issuingCa()),
            kit.crls(),
            RevocationPolicy.REQUIRE));
  }

  NoticeSealer sealer() {
    return new NoticeSealer(providers, Clock.systemUTC());
  }

  NoticeSealer sealer(Clock clock) {
    return new NoticeSealer(providers, clock);
  }

  NoticeOpener opener() {
    return opener(OpeningPolicy.defaults());
  }

  NoticeOpener opener(OpeningPolicy policy) {
    return new NoticeOpener(
        providers, policy, new InMemoryReplayStore(), NoticeRulesCheck.standard());
  }

  /** Seals {@code notice} from its originator to every recipient it names. */
  byte[] seal(CaseNotice notice) {
    UnitId originator = UnitId.of(notice.getOriginator());
    List<X509Certificate> recipients = new ArrayList<>();
    for (String r : notice.getRecipients()) {
      recipients.add(encryption(UnitId.of(r)));
    }
    return sealer()
        .seal(notice, signing(originator), kit.unit(originator).encryption(), recipients);
  }

  OpenResult open(byte[] sealed, UnitId as) {
    return opener().open(sealed, keys(as), validator(), Optional.empty(), Instant.now());
  }

  /** The SignedData inside a sealed notice, as a recipient sees it after decrypting. */
  byte[] decrypt(byte[] sealed, UnitId as) throws Refusal {
    PrivateKeyHandle key = kit.unit(as).encryption();
    return new EnvelopeOpener(providers, Long.MAX_VALUE).open(sealed, List.of(key)).content();
  }

  /** Signs arbitrary bytes as {@code signer}, at {@code signingTime}. */
  byte[] sign(byte[] content, PrivateKeyHandle signer, Instant signingTime) throws CMSException {
    return new SignedDataCreator(providers.asymmetric())
        .sign(content, signer.privateKey(), providers.asymmetric(), signer.chain(), signingTime);
  }

  /** Encrypts arbitrary bytes (normally a SignedData) to {@code recipients}. */
  byte[] encrypt(byte[] content, X509Certificate... recipients) throws CMSException {
    return new AuthEnvelopedEncryptor(
            providers.asymmetric(),
            providers.content(),
            providers.symmetric(),
            providers.fallback(),
            new SecureRandom())
        .encrypt(content, List.of(recipients));
  }
}
