package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.liaison.gateway.startup.InvalidSettingException;
import org.liaison.gateway.units.Federation;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.TrustContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.header.HeaderWriterFilter;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The API's security: the three ways in, the endpoint rules, problem documents for every refusal,
 * the trail, size and rate limits, security headers, and HTTPS outside development mode.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  /** Nothing but the gateway's own origin, and no framing at all. */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'none'; style-src 'self' 'unsafe-inline'; form-action 'self';"
          + " frame-ancestors 'none'; base-uri 'none'";

  @Bean
  SecurityEvents securityEvents(
      JdbcClient jdbc, TransactionTemplate transactions, Clock clock, HostedUnits hosted) {
    return new SecurityEvents(jdbc, transactions, clock, hosted.ids());
  }

  @Bean
  LoginFailures loginFailures(JdbcClient jdbc, Clock clock, SecurityProperties props) {
    return new LoginFailures(jdbc, clock, props.login().maxFailures(), props.login().lockout());
  }

  @Bean
  Accounts accounts(SecurityProperties props, ObjectProvider<AccountSource> sources) {
    List<Account> all = new ArrayList<>(Accounts.fromConfiguration(props.accounts()));
    sources.orderedStream().forEach(s -> all.addAll(s.accounts()));
    return new Accounts(all);
  }

  @Bean
  HttpsServer httpsServer() {
    return new HttpsServer();
  }

  @Bean
  HttpsRequirement httpsRequirement(Environment environment, SecurityProperties props) {
    return HttpsRequirement.check(environment, props);
  }

  @Bean
  FilterRegistrationBean<BodyLimitFilter> bodyLimit(SecurityProperties props) {
    var registration =
        new FilterRegistrationBean<>(new BodyLimitFilter(props.limits().maxBodyBytes()));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    return registration;
  }

  @Bean
  WebMvcConfigurer authenticatedCaller(SecurityEvents events) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new AuthenticatedCaller(events));
      }
    };
  }

  /**
   * The web pages' policy: scripts, styles and connections only from the gateway itself, and no
   * inline script or style anywhere (notice content is text, never markup).
   */
  static final String WEB_CONTENT_SECURITY_POLICY =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /**
   * The web pages under {@code /web}: a sign-in page and a session cookie (CSRF on every POST), or
   * a client certificate where configured; the same accounts, lockout, roles and trail as the API.
   */
  @Bean
  @Order(1)
  SecurityFilterChain webSecurity(
      HttpSecurity http,
      EdgeFilters edge,
      SecurityEvents events,
      LoginFailures failures,
      Accounts accounts)
      throws Exception {
    WebRefusals refusals = new WebRefusals(events);
    http.securityMatcher("/web", "/web/**")
        .authorizeHttpRequests(WebPageRules::apply)
        .authenticationManager(
            new ProviderManager(new PasswordLogin(accounts, failures, new PasswordHashes())))
        .formLogin(
            f ->
                f.loginPage("/web/login")
                    .loginProcessingUrl("/web/login")
                    .defaultSuccessUrl("/web", true)
                    .failureHandler(refusals))
        .logout(l -> l.logoutUrl("/web/logout").logoutSuccessUrl("/web/login?signedOut"))
        .exceptionHandling(e -> e.accessDeniedHandler(refusals))
        .requestCache(c -> c.disable())
        .httpBasic(b -> b.disable())
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(WEB_CONTENT_SECURITY_POLICY))
                    .frameOptions(f -> f.deny()))
        .addFilterBefore(edge.firewall(), HeaderWriterFilter.class)
        .addFilterBefore(edge.certificates(), UsernamePasswordAuthenticationFilter.class)
        .addFilterBefore(edge.rateLimit(), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  EdgeFilters edgeFilters(
      SecurityProperties props,
      SecurityEvents events,
      Accounts accounts,
      Federation federation,
      Clock clock) {
    return new EdgeFilters(
        new FirewallCheckFilter(),
        new ClientCertificateFilter(
            clientCertificateValidator(federation.trust(), props.clientCertificates()),
            accounts,
            clock,
            new ProblemEntryPoint(events)),
        new RateLimitFilter(clock, props.limits().requestsPerMinute(), props.limits().burst()));
  }

  @Bean
  @Order(2)
  SecurityFilterChain apiSecurity(
      HttpSecurity http,
      EdgeFilters edge,
      SecurityProperties props,
      SecurityEvents events,
      LoginFailures failures,
      Accounts accounts,
      Clock clock,
      ObjectProvider<TokenIssuer> localIssuer,
      @Qualifier("requestMappingHandlerMapping")
          ObjectProvider<RequestMappingHandlerMapping> mappings)
      throws Exception {
    ProblemEntryPoint refusals = new ProblemEntryPoint(events);
    http.authorizeHttpRequests(EndpointRules::apply)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(refusals)
                    .accessDeniedHandler(new ProblemAccessDenied(events)))
        .csrf(c -> c.ignoringRequestMatchers(SecurityConfiguration::stateless))
        .authenticationManager(
            new ProviderManager(new PasswordLogin(accounts, failures, new PasswordHashes())))
        .formLogin(
            f ->
                f.loginProcessingUrl("/login")
                    .successHandler(new LoginSuccess())
                    .failureHandler(refusals))
        .logout(l -> l.logoutSuccessHandler((rq, rs, a) -> rs.setStatus(204)))
        .requestCache(c -> c.disable())
        .httpBasic(b -> b.disable())
        .headers(
            h ->
                h.contentSecurityPolicy(c -> c.policyDirectives(CONTENT_SECURITY_POLICY))
                    .frameOptions(f -> f.deny()))
        .addFilterBefore(edge.firewall(), HeaderWriterFilter.class)
        .addFilterBefore(edge.certificates(), BearerTokenAuthenticationFilter.class)
        .addFilterBefore(edge.rateLimit(), AuthorizationFilter.class)
        .addFilterBefore(new MethodNotAllowedFilter(mappings::getObject), AuthorizationFilter.class)
        // After authentication: an anonymous flood is refused (401) without taking room.
        .addFilterAfter(
            new InFlightLimitFilter(
                props.limits().inFlightBodyBytes(),
                props.limits().maxBodyBytes(),
                props.limits().inFlightWait().toMillis()),
            AuthorizationFilter.class);
    TokenDecoder tokens = tokenDecoder(props.jwt(), localIssuer.getIfAvailable(), clock);
    if (tokens != null) {
      JwtAuthenticationProvider provider = new JwtAuthenticationProvider(tokens);
      provider.setJwtAuthenticationConverter(new TokenAccounts(props.jwt()));
      http.oauth2ResourceServer(
          o ->
              o.authenticationEntryPoint(refusals)
                  .jwt(j -> j.authenticationManager(new ProviderManager(provider))));
    }
    return http.build();
  }

  /**
   * Bearer tokens and client certificates authenticate each request by themselves, which a
   * cross-site page cannot forge; only a cookie session needs the CSRF token. A request without a
   * session cookie has no session to ride on and is answered as anonymous (401), except the login
   * itself, which needs the token of its form so that no other site can log a browser in.
   */
  static boolean stateless(HttpServletRequest request) {
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    boolean bearer =
        authorization != null && authorization.toLowerCase(Locale.ROOT).startsWith("bearer ");
    boolean noSession =
        request.getRequestedSessionId() == null && !"/login".equals(request.getServletPath());
    return bearer || ClientCertificateFilter.presented(request) || noSession;
  }

  private static CertificateValidator clientCertificateValidator(
      TrustMaterial federation, SecurityProperties.ClientCertificates extra) {
    List<X509Certificate> anchors = new ArrayList<>(federation.anchors());
    extra.anchors().forEach(f -> anchors.addAll(Pem.readCertificates(f)));
    List<X509Certificate> intermediates = new ArrayList<>(federation.intermediates());
    extra.intermediates().forEach(f -> intermediates.addAll(Pem.readCertificates(f)));
    List<X509CRL> crls = new ArrayList<>(federation.crls());
    extra.crls().forEach(f -> crls.addAll(Pem.readCrls(f)));
    return new CertificateValidator(
        new TrustContext(anchors, intermediates, crls, federation.revocation()));
  }

  /**
   * The configured identity provider's tokens; else, in development mode, the gateway's own
   * issuer's; else none (bearer tokens are then refused like any missing credential).
   */
  private static TokenDecoder tokenDecoder(
      SecurityProperties.Jwt jwt, TokenIssuer local, Clock clock) {
    VerifiedTokens verified =
        new VerifiedTokens(jwt.verifiedCacheSize(), jwt.verifiedCacheMaxAge());
    if (jwt.issuer() != null) {
      if (jwt.audience() == null) {
        throw new InvalidSettingException(
            "liaison.security.jwt.audience",
            "is not set, and liaison.security.jwt.issuer is",
            "Set it to the audience the identity provider puts in the gateway's tokens");
      }
      if (jwt.jwkSetUri() != null) {
        return TokenDecoder.forJwkSet(
            jwt.jwkSetUri(), jwt.issuer(), jwt.audience(), jwt.clockSkew(), clock, verified);
      }
      if (jwt.publicKeyFile() != null) {
        return TokenDecoder.forKey(
            readPublicKey(jwt.publicKeyFile()),
            jwt.issuer(),
            jwt.audience(),
            jwt.clockSkew(),
            clock,
            verified);
      }
      throw new InvalidSettingException(
          "liaison.security.jwt.issuer",
          "is set without a way to check the tokens' signatures",
          "Set liaison.security.jwt.jwk-set-uri (the identity provider's keys) or"
              + " liaison.security.jwt.public-key-file (a PEM public key)");
    }
    if (local != null) {
      log.info("Bearer tokens of the development issuer {} are accepted", local.issuer());
      return TokenDecoder.forKey(
          local.publicKey(),
          local.issuer(),
          TokenIssuer.AUDIENCE,
          jwt.clockSkew(),
          clock,
          verified);
    }
    return null;
  }

  /** A PEM {@code PUBLIC KEY} (SubjectPublicKeyInfo), RSA or EC. */
  static PublicKey readPublicKey(Path file) {
    try {
      String pem = Files.readString(file);
      String base64 = pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
      byte[] der = Base64.getDecoder().decode(base64);
      for (String algorithm : List.of("EC", "RSA")) {
        try {
          return KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        } catch (java.security.spec.InvalidKeySpecException notThisOne) {
          // try the next algorithm
        }
      }
      throw new InvalidSettingException(
          "liaison.security.jwt.public-key-file",
          "names " + file + ", which holds neither an RSA nor an EC public key",
          "Name a PEM file with the identity provider's PUBLIC KEY (SubjectPublicKeyInfo)");
    } catch (java.io.IOException
        | java.security.NoSuchAlgorithmException
        | IllegalArgumentException e) {
      throw new InvalidSettingException(
          "liaison.security.jwt.public-key-file",
          "names " + file + ", which cannot be read as a PEM public key",
          "Name a readable PEM file with the identity provider's PUBLIC KEY",
          e);
    }
  }
}
