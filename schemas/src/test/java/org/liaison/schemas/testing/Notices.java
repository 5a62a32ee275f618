package org.liaison.schemas.testing;

import java.time.Instant;
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

/** Small notices built in code, for tests that need one field changed from a valid baseline. */
public final class Notices {

  private Notices() {}

  /** A valid notice with only the required fields: an information request NL.NCB to TH.CIB. */
  public static CaseNotice.Builder minimal() {
    AvroTrust.install();
    return CaseNotice.newBuilder()
        .setFormatVersion(1)
        .setNoticeId(UUID.fromString("6f1c2a4e-8f3b-4c1d-9a57-0c2b9e4d1a10"))
        .setOriginator("NL.NCB")
        .setRecipients(List.of("TH.CIB"))
        .setCreatedAt(Instant.parse("2026-11-20T08:15:00Z"))
        .setNoticeType(NoticeType.INFORMATION_REQUEST)
        .setPriority(Priority.ROUTINE)
        .setClassification(Classification.RESTRICTED)
        .setHandlingCode(HandlingCode.H0)
        .setSourceReliability(SourceReliability.B)
        .setInformationAssessment(InformationAssessment.KNOWN_TO_SOURCE)
        .setLanguage("en")
        .setTitle("Request for vessel records")
        .setSummary("Please send the crew lists held for the vessel named below.");
  }
}
