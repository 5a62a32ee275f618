package org.liaison.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.liaison.gateway.security.SignedIn;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every page's layout needs: who is signed in, and the page's language and direction. */
@ControllerAdvice(basePackageClasses = WebModel.class)
class WebModel {

  @ModelAttribute
  void layout(Model model, HttpServletRequest request, Locale locale) {
    addLayout(model, request, locale);
  }

  static void addLayout(Model model, HttpServletRequest request, Locale locale) {
    model.addAttribute("me", SignedIn.person(request).orElse(null));
    model.addAttribute("lang", WebLanguages.supported(locale).toLanguageTag());
    model.addAttribute("dir", WebLanguages.rightToLeft(locale) ? "rtl" : "ltr");
    model.addAttribute("languages", WebLanguages.ALL);
  }
}
