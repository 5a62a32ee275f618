package org.liaison.gateway.inbound;

import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.liaison.gateway.receipts.ReceiptOutbox;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.InboxQuery;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.seal.OpenResult;
import org.liaison.schemas.UnitId;

/** What an officer does with a unit's inbox: list, read (opened in memory), mark read. */
public final class InboxService {

  /** A stored notice opened for its reader. */
  public record Viewed(InboxEntry entry, OpenResult opened) {}

  private final InboxStore inbox;
  private final NoticeViewer viewer;
  private final ReceiptOutbox receipts;
  private final CaseReferenceMac caseReferences;

  public InboxService(
      InboxStore inbox,
      NoticeViewer viewer,
      ReceiptOutbox receipts,
      CaseReferenceMac caseReferences) {
    this.inbox = inbox;
    this.viewer = viewer;
    this.receipts = receipts;
    this.caseReferences = caseReferences;
  }

  /**
   * A page of {@code unit}'s inbox; {@code caseReference}, when given, is matched through its MAC.
   */
  public List<InboxEntry> list(UnitId unit, InboxQuery query, String caseReference) {
    InboxQuery q =
        caseReference == null
            ? query
            : new InboxQuery(
                query.noticeType(),
                query.priority(),
                caseReferences.of(caseReference),
                query.threadId(),
                query.senderUnit(),
                query.since(),
                query.unread(),
                query.page(),
                query.size());
    return inbox.list(unit.value(), q);
  }

  /** The notice, opened, if it is in {@code unit}'s inbox. */
  public Optional<Viewed> view(HostedUnit unit, UUID noticeId) {
    return inbox
        .find(unit.id().value(), noticeId)
        .map(e -> new Viewed(e, viewer.open(unit, e.sealed())));
  }

  /**
   * Marks the notice read and sends the originator a READ receipt the first time; returns whether
   * the notice is in {@code unit}'s inbox at all. The receipt goes out before the mark is stored:
   * if the mark fails, a second request sends the receipt again, which the originator ignores.
   */
  public boolean markRead(HostedUnit unit, UUID noticeId) {
    Optional<InboxEntry> entry = inbox.find(unit.id().value(), noticeId);
    if (entry.isEmpty()) {
      return false;
    }
    InboxEntry e = entry.get();
    if (!e.read()) {
      receipts.send(
          unit,
          UnitId.of(e.senderUnit()),
          noticeId,
          ReceiptOutbox.Status.READ,
          null,
          HexFormat.of().parseHex(e.sealedSha256()));
      receipts.flush();
      inbox.markRead(unit.id().value(), noticeId);
    }
    return true;
  }
}
