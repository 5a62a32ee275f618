package org.liaison.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Locale;
import org.liaison.gateway.api.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * A page's refusal as a page, not a problem document: the status, the stable code, and the words
 * for a person. A notice of another unit is "not found", as in the API.
 */
@ControllerAdvice(basePackageClasses = WebProblems.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebProblems {

  static ApiProblem notFound() {
    return new ApiProblem(HttpStatus.NOT_FOUND, "NOT_FOUND", "not found");
  }

  static ApiProblem forbidden() {
    return new ApiProblem(HttpStatus.FORBIDDEN, "ACCESS_DENIED", "not yours");
  }

  @ExceptionHandler(ApiProblem.class)
  String problem(
      ApiProblem problem,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale,
      Model model) {
    // An exception handler's model does not get the advice's attributes: the layout's are added.
    WebModel.addLayout(model, request, locale);
    response.setStatus(problem.status().value());
    model.addAttribute("status", problem.status().value());
    model.addAttribute("code", problem.code());
    return "web/problem";
  }
}
