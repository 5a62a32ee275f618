package org.liaison.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.security.SignedIn;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Signing in, the start page of each role, choosing a unit, and the refusal page. */
@Controller
class SignInController {

  @GetMapping("/web/login")
  String login(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String signedOut,
      Model model) {
    if (error != null) {
      // Whatever the address says, a failed sign-in shows only what the API would answer: it
      // never tells a locked account from a wrong password, nor echoes the parameter.
      model.addAttribute("error", "LOGIN_FAILED");
    }
    model.addAttribute("signedOut", signedOut != null);
    return "web/login";
  }

  /**
   * Where each person starts: the inbox for officers, sent notices for publishers, the quarantine
   * for administrators, the security events for auditors. A gateway auditor reads the whole trail,
   * so needs no unit chosen.
   */
  @GetMapping("/web")
  String start(HttpServletRequest request) {
    var person = SignedIn.person(request).orElseThrow();
    if (person.has("GATEWAY_AUDITOR")) {
      return "redirect:/web/audit";
    }
    if (person.acting() == null) {
      return "web/choose-unit";
    }
    if (person.has("OFFICER")) {
      return "redirect:/web/inbox";
    }
    if (person.has("PUBLISHER")) {
      return "redirect:/web/sent";
    }
    if (person.has("ADMIN")) {
      return "redirect:/web/admin/quarantine";
    }
    if (person.has("AUDITOR")) {
      return "redirect:/web/audit";
    }
    return "web/start";
  }

  /** The unit switcher: an account of several units acts for one of them at a time. */
  @PostMapping("/web/unit")
  String chooseUnit(@RequestParam String unit, HttpServletRequest request) {
    var person = SignedIn.person(request).orElseThrow();
    if (!person.units().contains(unit)) {
      throw WebProblems.forbidden();
    }
    HttpSession session = request.getSession();
    session.setAttribute(Caller.SESSION_UNIT, unit);
    return "redirect:/web";
  }

  /** The refusal page, to which a refused request is forwarded with its code (403 always). */
  @RequestMapping("/web/denied")
  String denied(HttpServletRequest request, HttpServletResponse response, Model model) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    Object code = request.getAttribute("liaison.refusal");
    model.addAttribute("code", code instanceof String c ? c : "ACCESS_DENIED");
    return "web/denied";
  }
}
