package org.liaison.gateway.security;

import jakarta.servlet.DispatcherType;
import org.liaison.gateway.api.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may call what. Deny by default: an endpoint not listed here is refused to everyone (401
 * without credentials, 403 with), so that a new endpoint is closed until it gets a rule.
 *
 * <ul>
 *   <li>PUBLISHER publishes notices and follows them (notice status, threads);
 *   <li>OFFICER reads the inbox, marks notices read, follows threads and notices, and publishes
 *       only replies (the controller refuses a notice without inReplyTo to one the unit received:
 *       403 REPLY_ONLY);
 *   <li>ADMIN: quarantine and the operations endpoints of the actuator;
 *   <li>AUDITOR: the security-event trail of the unit it acts for; GATEWAY_AUDITOR: the whole
 *       gateway's trail (the controller tells them apart);
 *   <li>open: health (no details outside development mode), the OpenAPI document (the API's shape
 *       is no secret) and the login page.
 * </ul>
 *
 * <p>A method that no endpoint of the path takes is answered 405 before these rules ({@link
 * MethodNotAllowedFilter}); errors are written by {@link ProblemErrorReportValve}, not by an error
 * page that would need a rule here.
 */
final class EndpointRules {

  private EndpointRules() {}

  static void apply(
      AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
    rules
        // The dispatch that finishes an asynchronous answer (an event stream ending) belongs to a
        // request these rules already authorised; not every way in authenticates it again.
        .dispatcherTypeMatchers(DispatcherType.ASYNC)
        .permitAll()
        .requestMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**")
        .permitAll()
        .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**")
        .permitAll()
        .requestMatchers("/login")
        .permitAll()
        .requestMatchers(HttpMethod.POST, "/logout")
        .authenticated()
        .requestMatchers(HttpMethod.POST, "/api/v1/notices")
        .hasAnyRole(names(Role.PUBLISHER, Role.OFFICER))
        .requestMatchers(HttpMethod.GET, "/api/v1/notices/*", "/api/v1/threads/*")
        .hasAnyRole(names(Role.PUBLISHER, Role.OFFICER))
        .requestMatchers(HttpMethod.GET, "/api/v1/inbox", "/api/v1/inbox/*")
        .hasRole(Role.OFFICER.name())
        .requestMatchers(HttpMethod.POST, "/api/v1/inbox/*/read")
        .hasRole(Role.OFFICER.name())
        .requestMatchers(HttpMethod.GET, "/api/v1/quarantine", "/api/v1/quarantine/*/raw")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.GET, "/api/v1/audit/security-events")
        .hasAnyRole(names(Role.AUDITOR, Role.GATEWAY_AUDITOR))
        .requestMatchers(HttpMethod.GET, "/actuator", "/actuator/**")
        .hasRole(Role.ADMIN.name())
        .anyRequest()
        .denyAll();
  }

  private static String[] names(Role... roles) {
    String[] names = new String[roles.length];
    for (int i = 0; i < roles.length; i++) {
      names[i] = roles[i].name();
    }
    return names;
  }
}
