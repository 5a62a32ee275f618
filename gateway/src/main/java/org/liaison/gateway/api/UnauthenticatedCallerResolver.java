package org.liaison.gateway.api;

import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Outside development mode, until an authentication method is configured (the security issue), no
 * request can say who it is: deny by default, with a problem that says why.
 */
public final class UnauthenticatedCallerResolver implements HandlerMethodArgumentResolver {

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
    throw new ApiProblem(
        HttpStatus.UNAUTHORIZED,
        "NOT_AUTHENTICATED",
        "This gateway has no authentication method configured; requests are refused");
  }
}
