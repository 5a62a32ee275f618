package org.liaison.gateway.twogateways;

import java.util.List;
import org.liaison.gateway.api.DevelopmentCallerResolver;
import org.liaison.gateway.units.HostedUnits;
import org.springframework.context.annotation.Bean;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Test only: lets the suite act for a hosted unit with the {@code Liaison-Unit} header in a
 * production-mode gateway, which refuses every caller until the security issue lands. Given to the
 * application as an extra source (not a component, so no scan finds it); its resolver goes first,
 * ahead of production's refusing one.
 */
class TestCallerHeader {

  @Bean
  WebMvcConfigurer callerFromHeader(HostedUnits hosted) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(0, new DevelopmentCallerResolver(hosted));
      }
    };
  }
}
