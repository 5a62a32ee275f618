package org.liaison.gateway.web;

import java.util.List;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.store.RecipientState;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the unit sent, newest first, with each recipient's copy: SENT, DELIVERED, READ, REJECTED.
 * The page follows the states as receipts arrive: its script asks {@code /web/sent/states} for the
 * same page every few seconds and changes what changed; without JavaScript a reload shows them.
 */
@Controller
class SentPageController {

  static final int PAGE_SIZE = 25;

  /** One copy's state, for the page's script. */
  record CopyState(String recipient, String state, String reasonCode) {}

  /** One notice's copies, for the page's script. */
  record NoticeStates(String noticeId, List<CopyState> copies) {}

  private final SentStore sent;

  SentPageController(SentStore sent) {
    this.sent = sent;
  }

  @GetMapping("/web/sent")
  String sent(
      Caller caller,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(required = false) String published,
      Model model) {
    int p = page(page);
    List<SentNotice> found = sent.list(caller.actingFor().value(), p, PAGE_SIZE + 1);
    model.addAttribute("items", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute("page", p);
    model.addAttribute("unit", caller.actingFor().value());
    model.addAttribute("states", RecipientState.values());
    // Only an id of this unit's own page is echoed back (it came from the address bar).
    model.addAttribute(
        "published",
        published == null
            ? null
            : found.stream()
                .map(n -> n.noticeId().toString())
                .filter(published::equals)
                .findFirst()
                .orElse(null));
    return "web/sent";
  }

  /** The states of the copies of the notices on page {@code page}, as the page shows them. */
  @GetMapping(path = "/web/sent/states", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<List<NoticeStates>> states(
      Caller caller, @RequestParam(defaultValue = "0") int page) {
    List<NoticeStates> out =
        sent.list(caller.actingFor().value(), page(page), PAGE_SIZE).stream()
            .map(
                n ->
                    new NoticeStates(
                        n.noticeId().toString(),
                        n.copies().stream()
                            .map(
                                c ->
                                    new CopyState(
                                        c.recipientUnit(), c.state().name(), c.reasonCode()))
                            .toList()))
            .toList();
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(out);
  }

  private static int page(int page) {
    return Math.max(0, Math.min(page, 10_000));
  }
}
