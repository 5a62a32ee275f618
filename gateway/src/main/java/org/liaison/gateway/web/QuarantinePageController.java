package org.liaison.gateway.web;

import java.util.List;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.QuarantinedRecord;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The administrator's quarantine: every record of the unit refused by a check, newest first, with
 * its reason code and detail; the raw bytes download from the API ({@code
 * /api/v1/quarantine/{id}/raw}) with the same session.
 */
@Controller
class QuarantinePageController {

  static final int PAGE_SIZE = 25;

  private final QuarantineStore quarantine;

  QuarantinePageController(QuarantineStore quarantine) {
    this.quarantine = quarantine;
  }

  @GetMapping("/web/admin/quarantine")
  String quarantine(Caller caller, @RequestParam(defaultValue = "0") int page, Model model) {
    int p = Math.max(0, Math.min(page, 10_000));
    List<QuarantinedRecord> found =
        quarantine.list(List.of(caller.actingFor().value()), p, PAGE_SIZE + 1);
    model.addAttribute("items", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute("page", p);
    model.addAttribute("unit", caller.actingFor().value());
    return "web/quarantine";
  }
}
