package org.liaison.gateway.security;

import java.util.List;
import org.liaison.gateway.api.ApiProblem;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The security-event trail for auditors: {@code /api/v1/audit/security-events}, newest first. The
 * whole gateway's trail: refusals often have no unit (an unknown certificate, a bad token).
 */
@RestController
@RequestMapping(path = "/api/v1/audit", produces = MediaType.APPLICATION_JSON_VALUE)
public class SecurityEventsController {

  /** A page of events. */
  public record Page(int page, int size, List<SecurityEvent> items) {}

  private final SecurityEvents events;

  public SecurityEventsController(SecurityEvents events) {
    this.events = events;
  }

  @GetMapping("/security-events")
  Page list(
      @RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "50") int size) {
    if (page < 0 || size < 1 || size > 200) {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST, "PARAMETER_INVALID", "page must be 0 or more and size 1 to 200");
    }
    return new Page(page, size, events.page(page, size));
  }
}
