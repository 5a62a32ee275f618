package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.liaison.gateway.api.ApiProblem;
import org.liaison.gateway.api.Caller;
import org.liaison.schemas.UnitId;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * The {@link Caller} of a request: the authenticated account, acting for its only unit or for the
 * one of its units named in the {@code Liaison-Unit} header (or, in a login session, the one chosen
 * on the web pages' unit switcher). The header only chooses among the account's own units (403
 * UNIT_NOT_YOURS otherwise); it never authenticates anything.
 */
final class AuthenticatedCaller implements HandlerMethodArgumentResolver {

  private final SecurityEvents events;

  AuthenticatedCaller(SecurityEvents events) {
    this.events = events;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.getParameterType() == Caller.class;
  }

  @Override
  public Caller resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mav,
      NativeWebRequest request,
      WebDataBinderFactory binder) {
    String unit = request.getHeader(Caller.UNIT_HEADER);
    if (unit == null
        && request.getAttribute(Caller.SESSION_UNIT, RequestAttributes.SCOPE_SESSION)
            instanceof String chosen) {
      unit = chosen; // the web pages' unit switcher; an explicit header still wins
    }
    return caller(authenticated(), unit, request.getNativeRequest(HttpServletRequest.class));
  }

  /** The request's account; the endpoint rules let no anonymous request reach a controller. */
  static AccountAuthentication authenticated() {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    if (!(who instanceof AccountAuthentication authenticated)) {
      throw new ApiProblem(HttpStatus.UNAUTHORIZED, "NOT_AUTHENTICATED", "Authenticate first");
    }
    return authenticated;
  }

  /** The caller {@code authenticated} is when its request names {@code header} (or none). */
  Caller caller(AccountAuthentication authenticated, String header, HttpServletRequest request) {
    Account account = authenticated.account();
    return new Caller(
        account.name(),
        account.units(),
        acting(account, header, authenticated, request),
        account.roles());
  }

  private UnitId acting(
      Account account,
      String header,
      AccountAuthentication authenticated,
      HttpServletRequest request) {
    if (header == null || header.isBlank()) {
      Optional<UnitId> only =
          account.units().size() == 1 ? account.units().stream().findFirst() : Optional.empty();
      return only.orElseThrow(
          () ->
              new ApiProblem(
                  HttpStatus.BAD_REQUEST,
                  "UNIT_REQUIRED",
                  "This account acts for several units; name one in the "
                      + Caller.UNIT_HEADER
                      + " header"));
    }
    String problem = UnitId.problem(header.strip());
    if (problem != null) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNIT_ID_INVALID", problem);
    }
    UnitId unit = UnitId.of(header.strip());
    if (!account.units().contains(unit)) {
      if (request != null) {
        events.record(
            SecurityEvent.ACCESS_DENIED,
            "UNIT_NOT_YOURS",
            account.name(),
            authenticated.way(),
            events.concerning(account.units(), request),
            request);
      }
      throw new ApiProblem(
          HttpStatus.FORBIDDEN, "UNIT_NOT_YOURS", "This account may not act for " + unit);
    }
    return unit;
  }
}
