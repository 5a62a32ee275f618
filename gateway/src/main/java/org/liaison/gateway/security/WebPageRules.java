package org.liaison.gateway.security;

import org.liaison.gateway.api.Role;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;

/**
 * Who may open which web page: the same roles as the API endpoints the page stands for. Deny by
 * default, as for the API. Every state change is a POST with the session's CSRF token.
 *
 * <ul>
 *   <li>open: the sign-in page, the page of a refusal, the styles and scripts;
 *   <li>OFFICER: the inbox, reading a notice and its attachments, marking it read, the reply form;
 *   <li>PUBLISHER: the form of a new notice;
 *   <li>PUBLISHER or OFFICER: the sent notices and their states, sending the form (an officer
 *       without PUBLISHER only a reply: the controller asks {@code ReplyOnly}, as the API does);
 *   <li>ADMIN: the quarantine, the units and their certificates;
 *   <li>AUDITOR or GATEWAY_AUDITOR: the security events (the unit's, or the whole gateway's);
 *   <li>anyone signed in: the start page, choosing a unit, signing out.
 * </ul>
 */
final class WebPageRules {

  private WebPageRules() {}

  static void apply(
      AuthorizeHttpRequestsConfigurer<?>.AuthorizationManagerRequestMatcherRegistry rules) {
    rules
        .requestMatchers("/web/login", "/web/denied", "/web/assets/**", "/web/webjars/**")
        .permitAll()
        .requestMatchers(
            HttpMethod.GET,
            "/web/inbox",
            "/web/notices/*",
            "/web/notices/*/attachments/*",
            "/web/notices/*/reply")
        .hasRole(Role.OFFICER.name())
        .requestMatchers(HttpMethod.GET, "/web/compose")
        .hasRole(Role.PUBLISHER.name())
        .requestMatchers(HttpMethod.POST, "/web/compose")
        .hasAnyRole(Role.PUBLISHER.name(), Role.OFFICER.name())
        .requestMatchers(HttpMethod.POST, "/web/notices/*/read")
        .hasRole(Role.OFFICER.name())
        .requestMatchers(HttpMethod.GET, "/web/sent", "/web/sent/states")
        .hasAnyRole(Role.PUBLISHER.name(), Role.OFFICER.name())
        .requestMatchers(HttpMethod.GET, "/web/audit")
        .hasAnyRole(Role.AUDITOR.name(), Role.GATEWAY_AUDITOR.name())
        .requestMatchers(HttpMethod.GET, "/web/admin/quarantine", "/web/admin/units")
        .hasRole(Role.ADMIN.name())
        .requestMatchers(HttpMethod.GET, "/web")
        .authenticated()
        .requestMatchers(HttpMethod.POST, "/web/unit", "/web/logout")
        .authenticated()
        .anyRequest()
        .denyAll();
  }
}
