package org.liaison.gateway.api;

import java.util.Set;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.schemas.UnitId;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Development mode only, until the security issue lands: the caller names the hosted unit it acts
 * for in the {@code Liaison-Unit} header and is believed. Never enabled outside development mode.
 */
public final class DevelopmentCallerResolver implements HandlerMethodArgumentResolver {

  /** The header naming the unit a request acts for. */
  public static final String UNIT_HEADER = "Liaison-Unit";

  private final HostedUnits hosted;

  public DevelopmentCallerResolver(HostedUnits hosted) {
    this.hosted = hosted;
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
    String header = request.getHeader(UNIT_HEADER);
    if (header == null || header.isBlank()) {
      throw new ApiProblem(
          HttpStatus.UNAUTHORIZED,
          "UNIT_HEADER_MISSING",
          "Development mode: name the unit you act for in the " + UNIT_HEADER + " header");
    }
    String problem = UnitId.problem(header.strip());
    if (problem != null) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "UNIT_ID_INVALID", problem);
    }
    UnitId unit = UnitId.of(header.strip());
    if (hosted.find(unit).isEmpty()) {
      throw new ApiProblem(
          HttpStatus.FORBIDDEN, "UNIT_NOT_HOSTED", "This gateway does not host " + unit);
    }
    return new Caller("dev:" + unit.value(), Set.of(unit), unit);
  }
}
