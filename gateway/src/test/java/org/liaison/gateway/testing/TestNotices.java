package org.liaison.gateway.testing;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.liaison.schemas.AvroTrust;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.Classification;
import org.liaison.schemas.avro.HandlingCode;
import org.liaison.schemas.avro.InformationAssessment;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Priority;
import org.liaison.schemas.avro.SourceReliability;

/** Small valid notices for gateway tests; the schemas module has the realistic examples. */
public final class TestNotices {

  static {
    // Avro 1.12.2 refuses generated classes until they are trusted; builders need it too.
    AvroTrust.install();
  }

  private TestNotices() {}

  /** A trafficking alert from {@code originator} to {@code recipients}, created now. */
  public static CaseNotice alert(String originator, String... recipients) {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    return CaseNotice.newBuilder()
        .setFormatVersion(1)
        .setNoticeId(UUID.randomUUID())
        .setOriginator(originator)
        .setRecipients(List.of(recipients))
        .setCreatedAt(now)
        .setExpiresAt(now.plus(Duration.ofDays(30)))
        .setCaseReference("NL-2026-0415")
        .setNoticeType(NoticeType.TRAFFICKING_ALERT)
        .setPriority(Priority.URGENT)
        .setClassification(Classification.RESTRICTED)
        .setHandlingCode(HandlingCode.H2)
        .setSourceReliability(SourceReliability.B)
        .setInformationAssessment(InformationAssessment.KNOWN_TO_SOURCE)
        .setLanguage("en")
        .setTitle("Forced labour on fishing vessels")
        .setSummary("Crew recruited in Bangkok held on vessels in international waters.")
        .build();
  }
}
