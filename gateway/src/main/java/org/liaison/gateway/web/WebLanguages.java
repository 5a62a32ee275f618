package org.liaison.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages' languages, INTERPOL's working languages: English, French, Spanish and Arabic (right to
 * left). The browser's preference chooses, unless the person picks one ({@code ?lang=ar}), which a
 * cookie then keeps.
 */
@Configuration(proxyBeanMethods = false)
class WebLanguages implements WebMvcConfigurer {

  static final List<Locale> ALL =
      List.of(
          Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("es"), Locale.forLanguageTag("ar"));

  static Locale supported(Locale wanted) {
    for (Locale l : ALL) {
      if (l.getLanguage().equals(wanted.getLanguage())) {
        return l;
      }
    }
    return Locale.ENGLISH;
  }

  static boolean rightToLeft(Locale locale) {
    return supported(locale).getLanguage().equals("ar");
  }

  @Bean
  LocaleResolver localeResolver() {
    var resolver =
        new CookieLocaleResolver("LIAISON_LANG") {
          @Override
          public void setLocale(
              HttpServletRequest request, HttpServletResponse response, Locale locale) {
            super.setLocale(request, response, locale == null ? null : supported(locale));
          }
        };
    resolver.setCookieMaxAge(Duration.ofDays(365));
    resolver.setCookieSecure(true);
    resolver.setCookieHttpOnly(true);
    resolver.setDefaultLocaleFunction(
        request -> {
          for (var e = request.getLocales(); e.hasMoreElements(); ) {
            Locale wanted = e.nextElement();
            for (Locale l : ALL) {
              if (l.getLanguage().equals(wanted.getLanguage())) {
                return l;
              }
            }
          }
          return Locale.ENGLISH;
        });
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    var change = new LocaleChangeInterceptor();
    change.setParamName("lang");
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/web", "/web/**");
  }
}
