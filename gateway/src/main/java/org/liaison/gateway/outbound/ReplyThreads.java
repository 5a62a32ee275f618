package org.liaison.gateway.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import org.liaison.gateway.json.JsonViolation;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.seal.OpenResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reply joins the conversation it answers: a notice whose {@code inReplyTo} names one the sending
 * unit received or sent takes that notice's thread and, when it has one, its case reference. A
 * caller that gives another thread or case reference is refused (THREAD_MISMATCH,
 * CASE_REFERENCE_MISMATCH) rather than overridden: a different value means the caller has the wrong
 * case in mind, and silently signing something else than it asked for would hide that. A reply to a
 * notice the unit does not know (expired and removed, say) inherits nothing.
 */
public final class ReplyThreads {

  private final InboxStore inbox;
  private final SentStore sent;
  private final BiFunction<HostedUnit, byte[], OpenResult> opener;

  /**
   * @param opener opens a stored sealed notice for the unit that sent or received it
   */
  public ReplyThreads(
      InboxStore inbox, SentStore sent, BiFunction<HostedUnit, byte[], OpenResult> opener) {
    this.inbox = inbox;
    this.sent = sent;
    this.opener = opener;
  }

  /**
   * Completes {@code notice} (the caller's JSON with the gateway's fields) with what its original
   * gives, and answers the conflicts; nothing when it answers no notice the unit knows.
   */
  List<JsonViolation> inherit(HostedUnit from, ObjectNode notice) {
    UUID original = uuid(notice.get("inReplyTo"));
    if (original == null) {
      return List.of();
    }
    String unit = from.id().value();
    Optional<InboxEntry> received = inbox.find(unit, original);
    Optional<SentNotice> own =
        received.isPresent()
            ? Optional.empty()
            : sent.find(original).filter(n -> n.originatorUnit().equals(unit));
    if (received.isEmpty() && own.isEmpty()) {
      return List.of();
    }
    UUID thread = received.isPresent() ? received.get().threadId() : own.get().threadId();
    byte[] sealed = received.isPresent() ? received.get().sealed() : own.get().sealed();
    List<JsonViolation> conflicts = new ArrayList<>();
    if (!take(notice, "threadId", thread.toString())) {
      conflicts.add(
          new JsonViolation(
              "$.threadId",
              "THREAD_MISMATCH",
              "a reply belongs to the thread of the notice it answers: "
                  + thread
                  + " (leave threadId out to inherit it)"));
    }
    if (opener.apply(from, sealed) instanceof OpenResult.Opened opened) {
      String reference = opened.notice().getCaseReference();
      if (reference != null && !take(notice, "caseReference", reference)) {
        conflicts.add(
            new JsonViolation(
                "$.caseReference",
                "CASE_REFERENCE_MISMATCH",
                "a reply quotes the case reference of the notice it answers"
                    + " (leave caseReference out to inherit it)"));
      }
    }
    return conflicts;
  }

  /** Sets {@code field} to {@code value} when absent; false when the caller gave another value. */
  private static boolean take(ObjectNode notice, String field, String value) {
    JsonNode given = notice.get(field);
    if (given == null || given.isNull()) {
      notice.put(field, value);
      return true;
    }
    if (!given.isString()) {
      return true; // the codec refuses a value of the wrong type, with its own code
    }
    if (field.equals("threadId")) {
      UUID id = uuid(given);
      return id == null || id.toString().equals(value);
    }
    return given.asString().equals(value);
  }

  private static UUID uuid(JsonNode node) {
    if (node == null || !node.isString()) {
      return null;
    }
    try {
      return UUID.fromString(node.asString());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
