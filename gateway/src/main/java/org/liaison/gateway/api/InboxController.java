package org.liaison.gateway.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.UUID;
import org.liaison.gateway.inbound.InboxService;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.store.InboxQuery;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.seal.OpenResult;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Priority;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A unit's inbox: {@code /api/v1/inbox}. */
@RestController
@RequestMapping(path = "/api/v1/inbox", produces = MediaType.APPLICATION_JSON_VALUE)
public class InboxController {

  private final HostedUnits hosted;
  private final InboxService inbox;
  private final NoticeJsonCodec json;

  public InboxController(HostedUnits hosted, InboxService inbox, NoticeJsonCodec json) {
    this.hosted = hosted;
    this.inbox = inbox;
    this.json = json;
  }

  @GetMapping
  Views.Page<Views.InboxItem> list(
      Caller caller,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String caseReference,
      @RequestParam(required = false) UUID thread,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String since,
      @RequestParam(required = false) Boolean unread,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > InboxQuery.MAX_PAGE_SIZE) {
      throw badParameter("page must be 0 or more and size 1 to " + InboxQuery.MAX_PAGE_SIZE);
    }
    var query =
        new InboxQuery(
            symbol(type, NoticeType.class, "type"),
            symbol(priority, Priority.class, "priority"),
            null,
            thread,
            unit(from),
            instant(since),
            unread,
            page,
            size);
    var items =
        inbox.list(caller.actingFor(), query, caseReference).stream()
            .map(Views.InboxItem::of)
            .toList();
    return new Views.Page<>(page, size, items);
  }

  @GetMapping("/{id}")
  Views.OpenedNotice read(Caller caller, @PathVariable UUID id) {
    var viewed =
        inbox
            .view(HostedCaller.unit(hosted, caller), id)
            .orElseThrow(() -> ApiProblem.notFound("notice " + id));
    if (viewed.opened() instanceof OpenResult.Rejected rejected) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "NOTICE_NO_LONGER_OPENS",
          "The stored notice no longer passes its checks: " + rejected.detail(),
          Map.of("reasonCode", rejected.reason().name()));
    }
    var opened = (OpenResult.Opened) viewed.opened();
    return new Views.OpenedNotice(
        Views.InboxItem.of(viewed.entry()),
        json.write(opened.notice()),
        Views.Verification.of(opened.report()));
  }

  @PostMapping("/{id}/read")
  ResponseEntity<Void> markRead(Caller caller, @PathVariable UUID id) {
    if (!inbox.markRead(HostedCaller.unit(hosted, caller), id)) {
      throw ApiProblem.notFound("notice " + id);
    }
    return ResponseEntity.noContent().build();
  }

  private static <E extends Enum<E>> String symbol(String value, Class<E> type, String name) {
    if (value == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, value).name();
    } catch (IllegalArgumentException e) {
      throw badParameter(name + " '" + value + "' is not a known value");
    }
  }

  private static String unit(String value) {
    if (value == null) {
      return null;
    }
    String problem = UnitId.problem(value);
    if (problem != null) {
      throw badParameter(problem);
    }
    return value;
  }

  private static Instant instant(String value) {
    try {
      return value == null ? null : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw badParameter("since must be an ISO-8601 instant such as 2026-11-28T10:00:00Z");
    }
  }

  private static ApiProblem badParameter(String detail) {
    return new ApiProblem(HttpStatus.BAD_REQUEST, "PARAMETER_INVALID", detail);
  }
}
