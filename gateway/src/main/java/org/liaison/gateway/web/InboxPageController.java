package org.liaison.gateway.web;

import java.util.List;
import java.util.UUID;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.inbound.InboxService;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.InboxQuery;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Classification;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Priority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The inbox page: newest first, filtered by type, priority, sender, case reference, thread and
 * unread, a page at a time; unread notices in bold. A filter value the page does not know is
 * ignored, not an error: it came from the person's own address bar.
 */
@Controller
class InboxPageController {

  static final int PAGE_SIZE = 25;

  private final InboxService inbox;

  InboxPageController(InboxService inbox) {
    this.inbox = inbox;
  }

  @GetMapping("/web/inbox")
  String inbox(
      Caller caller,
      @RequestParam(required = false) String type,
      @RequestParam(required = false) String priority,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String caseReference,
      @RequestParam(required = false) String thread,
      @RequestParam(defaultValue = "false") boolean unread,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    int p = Math.max(0, Math.min(page, 10_000));
    String t = known(type, NoticeType.class);
    String pr = known(priority, Priority.class);
    String f = from != null && UnitId.isValid(from.strip()) ? from.strip() : null;
    String ref = caseReference == null || caseReference.isBlank() ? null : caseReference.strip();
    UUID th = uuidOrNull(thread);
    var query =
        new InboxQuery(t, pr, null, th, f, null, unread ? Boolean.TRUE : null, p, PAGE_SIZE + 1);
    List<InboxEntry> found = inbox.list(caller.actingFor(), query, ref);
    model.addAttribute("items", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute("page", p);
    model.addAttribute("type", t);
    model.addAttribute("priority", pr);
    model.addAttribute("from", f);
    model.addAttribute("caseReference", ref);
    model.addAttribute("thread", th == null ? null : th.toString());
    model.addAttribute("unread", unread);
    model.addAttribute("types", NoticeType.values());
    model.addAttribute("priorities", Priority.values());
    model.addAttribute("classifications", Classification.values());
    model.addAttribute("unit", caller.actingFor().value());
    return "web/inbox";
  }

  private static UUID uuidOrNull(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return UUID.fromString(value.strip());
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static <E extends Enum<E>> String known(String value, Class<E> type) {
    if (value == null || value.isBlank()) {
      return null;
    }
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return value;
      }
    }
    return null;
  }
}
