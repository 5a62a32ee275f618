package org.liaison.gateway.security;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;

/**
 * The answers of the layers below the API: the firewall's refusals and the servlet container's
 * error pages, as problem documents with the security headers, like every other refusal.
 */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

  @Bean
  WebSecurityCustomizer firewallRejections() {
    return web -> web.requestRejectedHandler(new FirewallRejections());
  }

  /**
   * Puts {@link ProblemErrorReportValve} in place of Tomcat's error report valve, and of the one
   * Spring Boot adds (its customizer, ordered first, has added it by then).
   */
  @Bean
  WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> problemErrorPages() {
    return new WebServerFactoryCustomizer<>() {
      @Override
      public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(
            context -> {
              Host host = (Host) context.getParent();
              for (Valve valve : host.getPipeline().getValves()) {
                if (valve instanceof ErrorReportValve) {
                  host.getPipeline().removeValve(valve);
                }
              }
              host.getPipeline().addValve(new ProblemErrorReportValve());
              if (host instanceof StandardHost standard) {
                // Else the host adds Tomcat's own valve when it starts.
                standard.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
              }
            });
      }
    };
  }
}
