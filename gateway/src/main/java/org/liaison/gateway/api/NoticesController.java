package org.liaison.gateway.api;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.liaison.gateway.inbound.NoticeViewer;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.outbound.CopyResult;
import org.liaison.gateway.outbound.IdempotencyConflictException;
import org.liaison.gateway.outbound.NoticeRefusedException;
import org.liaison.gateway.outbound.PublishService;
import org.liaison.gateway.outbound.RecipientsRefusedException;
import org.liaison.gateway.store.InboxQuery;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.store.ThreadStore;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.seal.OpenResult;
import org.liaison.schemas.UnitId;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Publishing notices and following them: {@code /api/v1/notices} and threads. */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class NoticesController {

  private final HostedUnits hosted;
  private final PublishService publisher;
  private final SentStore sent;
  private final NoticeViewer viewer;
  private final NoticeJsonCodec json;
  private final InboxStore inboxStore;
  private final ThreadStore threads;

  public NoticesController(
      HostedUnits hosted,
      PublishService publisher,
      SentStore sent,
      NoticeViewer viewer,
      NoticeJsonCodec json,
      InboxStore inboxStore,
      ThreadStore threads) {
    this.hosted = hosted;
    this.publisher = publisher;
    this.sent = sent;
    this.viewer = viewer;
    this.json = json;
    this.inboxStore = inboxStore;
    this.threads = threads;
  }

  @PostMapping(path = "/notices", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Views.Accepted> publish(
      Caller caller,
      @RequestBody JsonNode body,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey) {
    if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > 255)) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "IDEMPOTENCY_KEY_INVALID",
          "Idempotency-Key must be 1 to 255 characters");
    }
    onlyAReply(caller, body);
    PublishService.Accepted accepted;
    try {
      accepted =
          publisher.publish(
              caller.principal(), HostedCaller.unit(hosted, caller), body, idempotencyKey);
    } catch (NoticeRefusedException e) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "NOTICE_INVALID",
          e.getMessage(),
          Map.of("violations", e.violations()));
    } catch (IdempotencyConflictException e) {
      throw new ApiProblem(
          HttpStatus.UNPROCESSABLE_CONTENT, "IDEMPOTENCY_KEY_REUSED", e.getMessage());
    } catch (RecipientsRefusedException e) {
      // Not the notice's fault, and it may pass (the directory publisher runs again): retry later.
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          e.code(),
          e.getMessage(),
          Map.of("recipients", e.recipients().stream().map(UnitId::value).toList()));
    }
    UUID id = accepted.noticeId();
    if (!accepted.outcome().complete()) {
      Map<String, Object> members = new LinkedHashMap<>();
      members.put("noticeId", id);
      members.put("sentTo", accepted.outcome().acknowledged());
      members.put("notSentTo", accepted.outcome().failed());
      throw new ApiProblem(
          HttpStatus.SERVICE_UNAVAILABLE,
          "KAFKA_UNAVAILABLE",
          "Kafka did not acknowledge every copy of notice "
              + id
              + "; the copies listed in notSentTo were not delivered: a retry with the same"
              + " Idempotency-Key sends only those, under the same notice id",
          members);
    }
    String status = "/api/v1/notices/" + id;
    List<Views.Copy> copies =
        accepted.outcome().copies().stream().map(NoticesController::copy).toList();
    return ResponseEntity.accepted()
        .location(URI.create(status))
        .body(new Views.Accepted(id, status, accepted.repeated(), copies));
  }

  /** An officer without the PUBLISHER role may only answer a notice the unit received. */
  private void onlyAReply(Caller caller, JsonNode body) {
    JsonNode inReplyTo = body == null ? null : body.get("inReplyTo");
    String answered = inReplyTo != null && inReplyTo.isString() ? inReplyTo.asString() : null;
    if (!ReplyOnly.allows(caller, answered, inboxStore)) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN,
          ReplyOnly.CODE,
          "Without the PUBLISHER role a notice may only answer one this unit received"
              + " (inReplyTo)");
    }
  }

  /** The notice as sent (re-opened in memory with the sender's own key) and each copy's state. */
  @GetMapping("/notices/{id}")
  Views.Sent notice(Caller caller, @PathVariable UUID id) {
    var notice =
        sent.find(id)
            .filter(n -> n.originatorUnit().equals(caller.actingFor().value()))
            .orElseThrow(() -> ApiProblem.notFound("notice " + id));
    OpenResult opened = viewer.open(HostedCaller.unit(hosted, caller), notice.sealed());
    if (opened instanceof OpenResult.Opened o) {
      return Views.Sent.of(notice, json.write(o.notice()), null);
    }
    return Views.Sent.of(notice, null, ((OpenResult.Rejected) opened).reason().name());
  }

  /**
   * Every notice the calling unit sent or received in the thread, oldest first, and nothing else:
   * another unit's part of the conversation stays with that unit. 404 when the unit has none.
   */
  @GetMapping("/threads/{threadId}")
  Views.Thread thread(
      Caller caller,
      @PathVariable UUID threadId,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "200") int size) {
    if (page < 0 || size < 1 || size > InboxQuery.MAX_PAGE_SIZE) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "PARAMETER_INVALID",
          "page must be 0 or more and size 1 to " + InboxQuery.MAX_PAGE_SIZE);
    }
    String unit = caller.actingFor().value();
    var items = threads.page(unit, threadId, page, size);
    if (items.isEmpty() && (page == 0 || threads.page(unit, threadId, 0, 1).isEmpty())) {
      throw ApiProblem.notFound("thread " + threadId);
    }
    return new Views.Thread(
        threadId, page, size, items.stream().map(Views.ThreadItem::of).toList());
  }

  private static Views.Copy copy(CopyResult c) {
    return new Views.Copy(c.recipient(), c.acknowledged() ? "SENT" : "FAILED", null, null);
  }
}
