package org.liaison.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.Schema;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.api.ReplyOnly;
import org.liaison.gateway.inbound.InboxService;
import org.liaison.gateway.json.JsonViolation;
import org.liaison.gateway.outbound.IdempotencyConflictException;
import org.liaison.gateway.outbound.IdempotencyInFlightException;
import org.liaison.gateway.outbound.NoticeRefusedException;
import org.liaison.gateway.outbound.PublishService;
import org.liaison.gateway.outbound.RecipientsRefusedException;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.gateway.units.PeerDirectory;
import org.liaison.pki.seal.OpenResult;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.HandlingCode;
import org.liaison.schemas.avro.NoticeType;
import org.springframework.context.MessageSource;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.ObjectNode;

/**
 * Writing a notice, and answering one: the form made from the schema ({@link NoticeForm}), sent
 * through the same publish path as the API's {@code POST /api/v1/notices}, with every check and the
 * same codes beside the fields they concern.
 *
 * <ul>
 *   <li>A new notice is a publisher's; an officer without the PUBLISHER role may only answer a
 *       notice the unit received ({@link ReplyOnly}, as in the API).
 *   <li>A reply names the notice it answers and takes its thread and case reference (the publish
 *       path inherits them); it is addressed to the sender, in the same language and handling code,
 *       until the officer changes them. Sending a reply marks the answered notice read: the officer
 *       has plainly taken it in, and its sender is told so by a READ receipt.
 *   <li>The form carries an idempotency key made when it was first shown: pressing Send twice, or
 *       again after a timeout, sends the notice once; after a partial send, Send again sends only
 *       the copies Kafka did not take.
 *   <li>Enter in a field does not send: the form's default button only shows the form again.
 * </ul>
 */
@Controller
class ComposePageController {

  /** Fields the gateway sets, or that the reply form shows as fixed facts instead of inputs. */
  private static final Set<String> SET_BY_GATEWAY =
      Set.of("formatVersion", "noticeId", "originator", "createdAt");

  private static final Set<String> FIXED_IN_A_REPLY =
      Set.of(
          "formatVersion",
          "noticeId",
          "originator",
          "createdAt",
          "inReplyTo",
          "threadId",
          "caseReference");

  private static final Schema SCHEMA = CaseNotice.getClassSchema();

  /** The request parameters that are the form's controls, not the notice's values. */
  private static final Set<String> CONTROLS = Set.of("_csrf", "action", "idempotencyKey");

  private final HostedUnits hosted;
  private final PublishService publisher;
  private final PeerDirectory peers;
  private final InboxStore inboxStore;
  private final InboxService inbox;
  private final MessageSource messages;

  ComposePageController(
      HostedUnits hosted,
      PublishService publisher,
      PeerDirectory peers,
      InboxStore inboxStore,
      InboxService inbox,
      MessageSource messages) {
    this.hosted = hosted;
    this.publisher = publisher;
    this.peers = peers;
    this.inboxStore = inboxStore;
    this.inbox = inbox;
    this.messages = messages;
  }

  /** A new notice (publishers). */
  @GetMapping("/web/compose")
  String compose(Caller caller, Locale locale, Model model) {
    FormValues values = new FormValues();
    values.set("language", WebLanguages.supported(locale).getLanguage());
    return form(caller, values, null, UUID.randomUUID().toString(), List.of(), locale, model);
  }

  /** An answer to a notice the unit received (officers), addressed to its sender. */
  @GetMapping("/web/notices/{id}/reply")
  String reply(Caller caller, @PathVariable String id, Locale locale, Model model) {
    HostedUnit unit = hosted.find(caller.actingFor()).orElseThrow(WebProblems::notFound);
    var viewed = inbox.view(unit, uuid(id)).orElseThrow(WebProblems::notFound);
    if (!(viewed.opened() instanceof OpenResult.Opened opened)) {
      throw WebProblems.notFound();
    }
    CaseNotice original = opened.notice();
    FormValues values = new FormValues();
    values.set("inReplyTo", original.getNoticeId().toString());
    values.set("recipients", original.getOriginator());
    values.set("noticeType", NoticeType.INFORMATION_RESPONSE.name());
    values.set("priority", original.getPriority().name());
    values.set("classification", original.getClassification().name());
    values.set("handlingCode", original.getHandlingCode().name());
    if (original.getHandlingCode() == HandlingCode.H3) {
      values.set("handlingRestrictions", original.getHandlingRestrictions());
    }
    values.set("language", original.getLanguage());
    String title = "Re: " + original.getTitle();
    values.set(
        "title", title.codePointCount(0, title.length()) > 200 ? original.getTitle() : title);
    return form(caller, values, original, UUID.randomUUID().toString(), List.of(), locale, model);
  }

  /** Sending, or only showing the form again with a row added or removed. */
  @PostMapping("/web/compose")
  String submit(
      Caller caller,
      @RequestParam(defaultValue = "refresh") String action,
      @RequestParam(required = false) String idempotencyKey,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    Map<String, String[]> parameters = new LinkedHashMap<>(request.getParameterMap());
    parameters.keySet().removeAll(CONTROLS);
    FormValues values = FormValues.of(parameters, lineLists());
    String inReplyTo = values.first("inReplyTo");
    if (!ReplyOnly.allows(caller, blankToNull(inReplyTo), inboxStore)) {
      throw new org.liaison.gateway.api.ApiProblem(
          HttpStatus.FORBIDDEN, ReplyOnly.CODE, "only a reply");
    }
    HostedUnit unit = hosted.find(caller.actingFor()).orElseThrow(WebProblems::notFound);
    CaseNotice original = original(unit, inReplyTo);
    String key =
        idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 255
            ? UUID.randomUUID().toString()
            : idempotencyKey;
    if (action.startsWith("add:")) {
      String group = action.substring(4);
      values.setRows(group, Math.min(values.rows(group) + 1, NoticeForm.MAX_ROWS));
      return form(caller, values, original, key, List.of(), locale, model);
    }
    if (action.startsWith("remove:") && action.endsWith("]")) {
      String row = action.substring(7);
      int open = row.lastIndexOf('[');
      try {
        values.removeRow(
            row.substring(0, open), Integer.parseInt(row.substring(open + 1, row.length() - 1)));
      } catch (RuntimeException e) {
        // not a row of the form: shown again as it was
      }
      return form(caller, values, original, key, List.of(), locale, model);
    }
    if (!action.equals("send")) {
      return form(caller, values, original, key, List.of(), locale, model);
    }
    // Blank rows go before the check, so that a violation's index is the row's on the page.
    Set<String> left = original == null ? SET_BY_GATEWAY : FIXED_IN_A_REPLY;
    ObjectNode notice = NoticeForm.json(SCHEMA, values, left);
    if (original != null) {
      notice.put("inReplyTo", original.getNoticeId().toString());
    }
    FormValues compact = NoticeForm.values(SCHEMA, notice);
    if (original != null) {
      compact.set("inReplyTo", original.getNoticeId().toString());
    }
    List<JsonViolation> problems;
    try {
      PublishService.Accepted accepted = publisher.publish(caller.principal(), unit, notice, key);
      if (accepted.outcome().complete()) {
        if (original != null) {
          inbox.markRead(unit, original.getNoticeId());
        }
        return "redirect:/web/sent?published=" + accepted.noticeId();
      }
      problems =
          List.of(
              new JsonViolation(
                  "$",
                  "KAFKA_UNAVAILABLE",
                  messages.getMessage(
                      "compose.partial",
                      new Object[] {
                        String.join(", ", accepted.outcome().failed()),
                      },
                      locale)));
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    } catch (NoticeRefusedException e) {
      problems = e.violations();
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    } catch (RecipientsRefusedException e) {
      problems =
          List.of(
              new JsonViolation(
                  "$.recipients",
                  e.code(),
                  e.getMessage()
                      + ": "
                      + String.join(", ", e.recipients().stream().map(UnitId::value).toList())));
      response.setStatus(HttpStatus.SERVICE_UNAVAILABLE.value());
    } catch (IdempotencyInFlightException e) {
      problems =
          List.of(
              new JsonViolation(
                  "$",
                  "IDEMPOTENCY_KEY_IN_FLIGHT",
                  messages.getMessage("compose.inFlight", null, locale)));
      response.setStatus(HttpStatus.CONFLICT.value());
    } catch (IdempotencyConflictException e) {
      // This form was sent before with other values: what is on the page now is a new notice.
      key = UUID.randomUUID().toString();
      problems =
          List.of(
              new JsonViolation(
                  "$",
                  "IDEMPOTENCY_KEY_REUSED",
                  messages.getMessage("compose.changedAfterSending", null, locale)));
      response.setStatus(HttpStatus.UNPROCESSABLE_CONTENT.value());
    }
    return form(caller, compact, original, key, problems, locale, model);
  }

  private String form(
      Caller caller,
      FormValues values,
      CaseNotice original,
      String key,
      List<JsonViolation> problems,
      Locale locale,
      Model model) {
    Set<String> left = original == null ? SET_BY_GATEWAY : FIXED_IN_A_REPLY;
    List<String> recipients = new ArrayList<>();
    for (UnitId u : peers.known()) {
      if (!u.equals(caller.actingFor())) {
        recipients.add(u.value());
      }
    }
    var labels = new Labels(messages, locale);
    List<NoticeForm.Input> inputs =
        NoticeForm.inputs(SCHEMA, values, left, Map.of("recipients", recipients), problems, labels);
    model.addAttribute("inputs", inputs);
    model.addAttribute("problems", NoticeForm.summary(problems, inputs));
    model.addAttribute("idempotencyKey", key);
    model.addAttribute("maxRows", NoticeForm.MAX_ROWS);
    model.addAttribute("original", original);
    model.addAttribute("unit", caller.actingFor().value());
    model.addAttribute(
        "hintsInEnglish", !WebLanguages.supported(locale).getLanguage().equals("en"));
    return "web/compose";
  }

  private CaseNotice original(HostedUnit unit, String inReplyTo) {
    if (blankToNull(inReplyTo) == null) {
      return null;
    }
    UUID id;
    try {
      id = UUID.fromString(inReplyTo);
    } catch (IllegalArgumentException e) {
      return null;
    }
    return inbox
        .view(unit, id)
        .map(v -> v.opened() instanceof OpenResult.Opened o ? o.notice() : null)
        .orElse(null);
  }

  /**
   * The string lists typed one per line (those not chosen from a list), by their names without row
   * indices ({@code persons.nationalities}).
   */
  private static List<String> lineLists() {
    List<String> out = new ArrayList<>();
    collectLineLists(SCHEMA, "", out);
    return out;
  }

  private static void collectLineLists(Schema record, String prefix, List<String> out) {
    for (Schema.Field f : record.getFields()) {
      Schema type = NoticeForm.nonNull(f.schema());
      if (type.getType() == Schema.Type.RECORD) {
        collectLineLists(type, prefix + f.name() + ".", out);
      } else if (type.getType() == Schema.Type.ARRAY) {
        Schema element = NoticeForm.nonNull(type.getElementType());
        if (element.getType() == Schema.Type.RECORD) {
          collectLineLists(element, prefix + f.name() + ".", out);
        } else if (element.getType() == Schema.Type.STRING && !f.name().equals("recipients")) {
          out.add(prefix + f.name());
        }
      }
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw WebProblems.notFound();
    }
  }

  /** Field and symbol labels from the message bundles; the schema's own words otherwise. */
  record Labels(MessageSource messages, Locale locale) implements NoticeForm.Labels {

    /** The bundles' prefixes of the enums the other pages already name. */
    private static final Map<String, String> PREFIXES =
        Map.of(
            "Priority", "priority.",
            "Classification", "classification.",
            "NoticeType", "type.",
            "InformationAssessment", "assessment.");

    @Override
    public String field(String name, String plain) {
      return messages.getMessage("field." + name, null, plain, locale);
    }

    @Override
    public String symbol(Schema type, String symbol) {
      String prefix = PREFIXES.getOrDefault(type.getName(), "enum." + type.getName() + ".");
      String plain =
          symbol.charAt(0) + symbol.substring(1).toLowerCase(Locale.ROOT).replace('_', ' ');
      return messages.getMessage(prefix + symbol, null, plain, locale);
    }
  }
}
