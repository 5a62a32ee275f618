package org.liaison.gateway.web;

import java.util.List;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.store.SentNotice;
import org.liaison.gateway.store.SentStore;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * What the unit sent, newest first, with each recipient's copy: SENT, DELIVERED, READ, REJECTED.
 */
@Controller
class SentPageController {

  static final int PAGE_SIZE = 25;

  private final SentStore sent;

  SentPageController(SentStore sent) {
    this.sent = sent;
  }

  @GetMapping("/web/sent")
  String sent(Caller caller, @RequestParam(defaultValue = "0") int page, Model model) {
    int p = Math.max(0, Math.min(page, 10_000));
    List<SentNotice> found = sent.list(caller.actingFor().value(), p, PAGE_SIZE + 1);
    model.addAttribute("items", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute("page", p);
    model.addAttribute("unit", caller.actingFor().value());
    return "web/sent";
  }
}
