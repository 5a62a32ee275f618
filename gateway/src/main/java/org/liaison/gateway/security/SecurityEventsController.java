package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.liaison.gateway.api.ApiProblem;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.api.Role;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The security-event trail for auditors: {@code /api/v1/audit/security-events}, newest first. Like
 * every other resource it is the unit's: an AUDITOR lists the events that concern the unit it acts
 * for (the {@code Liaison-Unit} header picks one of its units, as anywhere). Only a
 * GATEWAY_AUDITOR, the gateway operator's role, lists the whole trail: every unit's events and the
 * gateway-wide ones that concern no known unit (an unknown certificate, a bad token).
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class SecurityEventsController {

  /** What {@link Page#scope} says of a page of the whole trail. */
  public static final String GATEWAY = "GATEWAY";

  /**
   * A page of events.
   *
   * @param scope the unit whose events these are, or {@value #GATEWAY} for the whole trail
   */
  public record Page(int page, int size, String scope, List<SecurityEvent> items) {}

  private final SecurityEvents events;
  private final AuthenticatedCaller callers;

  public SecurityEventsController(SecurityEvents events) {
    this.events = events;
    this.callers = new AuthenticatedCaller(events);
  }

  /**
   * Not a {@link Caller} argument: that would make a gateway auditor entitled to several units name
   * one, though it reads no unit's trail in particular. For an AUDITOR the header is resolved
   * exactly as the {@code Caller} argument is (UNIT_REQUIRED, UNIT_NOT_YOURS).
   */
  @GetMapping("/security-events")
  Page list(
      @RequestHeader(name = Caller.UNIT_HEADER, required = false) String unit,
      @RequestParam(defaultValue = "0") int page,
      @RequestParam(defaultValue = "50") int size,
      HttpServletRequest request) {
    if (page < 0 || size < 1 || size > 200) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "PARAMETER_INVALID", "page must be 0 or more and size 1 to 200");
    }
    AccountAuthentication who = AuthenticatedCaller.authenticated();
    if (who.account().roles().contains(Role.GATEWAY_AUDITOR)) {
      return new Page(page, size, GATEWAY, events.page(page, size));
    }
    Caller caller = callers.caller(who, unit, request);
    return new Page(
        page, size, caller.actingFor().value(), events.pageOf(caller.actingFor(), page, size));
  }
}
