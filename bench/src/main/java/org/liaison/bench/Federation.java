package org.liaison.bench;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.OpeningKeys;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Attachment;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.Classification;
import org.liaison.schemas.avro.HandlingCode;
import org.liaison.schemas.avro.InformationAssessment;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Priority;
import org.liaison.schemas.avro.Sha256;
import org.liaison.schemas.avro.SourceReliability;
import org.liaison.schemas.codec.AvroCodec;

/** A P-256 federation of one sender and twenty recipients, and notices of a given size. */
final class Federation {

  static final UnitId SENDER = UnitId.of("NL.NCB");
  static final int MAX_RECIPIENTS = 20;

  final FederationKit kit;
  final List<UnitId> recipients;

  Federation() {
    AvroCodec.caseNotices();
    List<UnitId> units = new ArrayList<>();
    units.add(SENDER);
    IntStream.rangeClosed(1, MAX_RECIPIENTS).forEach(i -> units.add(UnitId.of("TH.UNIT-" + i)));
    // Issued an hour ago: in service, certificates and CRLs are not minutes old when notices are
    // opened (a validator answer is not reused within seconds of a certificate's or CRL's dates).
    this.kit =
        FederationKit.create(
            KeyAlgorithm.EC_P256, units, Clock.offset(Clock.systemUTC(), Duration.ofHours(-1)));
    this.recipients = units.subList(1, units.size());
  }

  static ProviderChoice providers(String name) {
    return switch (name) {
      case "native" -> ProviderChoice.preferNative();
      case "pure-java" -> ProviderChoice.pureJava();
      default -> throw new IllegalArgumentException(name);
    };
  }

  List<X509Certificate> recipientCertificates(int count) {
    return recipients.subList(0, count).stream()
        .map(u -> kit.unit(u).encryption().certificate())
        .toList();
  }

  OpeningKeys firstRecipientKeys() {
    UnitId unit = recipients.get(0);
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

  /** A trafficking alert to {@code count} recipients whose encoding is about {@code bytes}. */
  CaseNotice notice(int bytes, int count) {
    CaseNotice.Builder builder =
        CaseNotice.newBuilder()
            .setFormatVersion(1)
            .setNoticeId(UUID.randomUUID())
            .setOriginator(SENDER.value())
            .setRecipients(recipients.subList(0, count).stream().map(UnitId::value).toList())
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
    int base = AvroCodec.caseNotices().encode(builder.build()).length;
    int padding = Math.max(0, bytes - base - 120);
    byte[] content = new byte[padding];
    new Random(42).nextBytes(content);
    builder.setAttachments(List.of(attachment(content)));
    return builder.build();
  }

  private static Attachment attachment(byte[] content) {
    try {
      return Attachment.newBuilder()
          .setFileName("crew-list.pdf")
          .setMediaType("application/pdf")
          .setSize(content.length)
          .setSha256(new Sha256(MessageDigest.getInstance("SHA-256").digest(content)))
          .setContent(ByteBuffer.wrap(content))
          .build();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
