package org.liaison.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.security.SecurityEvent;
import org.liaison.gateway.security.SecurityEvents;
import org.liaison.gateway.security.SecurityEventsController;
import org.liaison.gateway.security.SignedIn;
import org.liaison.schemas.UnitId;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The auditors' page: the security-event trail, newest first, scoped as the API's {@code
 * /api/v1/audit/security-events} is. An AUDITOR sees the events that concern the unit it acts for;
 * a GATEWAY_AUDITOR, the gateway operator's auditor, the whole trail, gateway-wide events included
 * (an unknown certificate, a bad token).
 */
@Controller
class AuditPageController {

  static final int PAGE_SIZE = 50;

  private final SecurityEvents events;

  AuditPageController(SecurityEvents events) {
    this.events = events;
  }

  @GetMapping("/web/audit")
  String audit(
      HttpServletRequest request, @RequestParam(defaultValue = "0") int page, Model model) {
    var person = SignedIn.person(request).orElseThrow();
    int p = Math.max(0, Math.min(page, 10_000));
    List<SecurityEvent> found;
    String scope;
    if (person.has(Role.GATEWAY_AUDITOR.name())) {
      found = events.page(p, PAGE_SIZE + 1);
      scope = SecurityEventsController.GATEWAY;
    } else if (person.acting() == null) {
      return "web/choose-unit";
    } else {
      found = events.pageOf(UnitId.of(person.acting()), p, PAGE_SIZE + 1);
      scope = person.acting();
    }
    model.addAttribute("items", found.size() > PAGE_SIZE ? found.subList(0, PAGE_SIZE) : found);
    model.addAttribute("hasNext", found.size() > PAGE_SIZE);
    model.addAttribute("page", p);
    model.addAttribute("scope", scope);
    return "web/audit";
  }
}
