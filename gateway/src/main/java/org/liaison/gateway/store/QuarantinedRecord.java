package org.liaison.gateway.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A record that failed a check, kept whole: the reason code and detail, the raw bytes, and where it
 * came from. The hints are the transport's unauthenticated headers, kept for the administrator's
 * investigation, never trusted.
 */
public record QuarantinedRecord(
    Long id,
    String unitId,
    String reasonCode,
    String detail,
    String senderHint,
    String noticeIdHint,
    RecordCoordinates record,
    byte[] rawBytes,
    Instant receivedAt) {

  /** Longest detail kept; a longer one is cut, never refused, so that nothing is lost. */
  public static final int MAX_DETAIL = 2000;

  public QuarantinedRecord {
    Objects.requireNonNull(unitId, "unitId");
    Objects.requireNonNull(reasonCode, "reasonCode");
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(rawBytes, "rawBytes");
    Objects.requireNonNull(receivedAt, "receivedAt");
    detail = detail == null ? "" : detail;
    if (detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL - 3) + "...";
    }
    senderHint = cut(senderHint);
    noticeIdHint = cut(noticeIdHint);
  }

  private static String cut(String hint) {
    return hint == null || hint.length() <= 64 ? hint : hint.substring(0, 64);
  }
}
