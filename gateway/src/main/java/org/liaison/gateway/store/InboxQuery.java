package org.liaison.gateway.store;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters and page of an inbox listing; every filter is optional (null). Newest first.
 *
 * @param caseRefMac the keyed MAC of the case reference to match, as stored
 */
public record InboxQuery(
    String noticeType,
    String priority,
    String caseRefMac,
    UUID threadId,
    String senderUnit,
    Instant since,
    Boolean unread,
    int page,
    int size) {

  /** The largest page a caller may ask for. */
  public static final int MAX_PAGE_SIZE = 200;

  public InboxQuery {
    if (page < 0) {
      throw new IllegalArgumentException("page must not be negative");
    }
    if (size < 1 || size > MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE);
    }
  }

  /** The first page of everything, {@code size} entries long. */
  public static InboxQuery all(int size) {
    return new InboxQuery(null, null, null, null, null, null, null, 0, size);
  }
}
