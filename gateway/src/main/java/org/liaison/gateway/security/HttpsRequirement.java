package org.liaison.gateway.security;

import org.liaison.gateway.startup.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;

/**
 * Outside development mode the API is served over HTTPS only: a production gateway without {@code
 * server.ssl} does not start, unless {@code liaison.security.allow-plain-http} says it is a test or
 * sits behind a TLS-terminating proxy on the same host.
 */
final class HttpsRequirement {

  private static final Logger log = LoggerFactory.getLogger(HttpsRequirement.class);

  private final boolean https;

  private HttpsRequirement(boolean https) {
    this.https = https;
  }

  static HttpsRequirement check(Environment env, SecurityProperties props) {
    boolean development = env.getProperty("liaison.development.enabled", Boolean.class, true);
    boolean configured =
        env.containsProperty("server.ssl.bundle")
            || env.containsProperty("server.ssl.key-store")
            || env.containsProperty("server.ssl.certificate");
    boolean https = configured && env.getProperty("server.ssl.enabled", Boolean.class, true);
    if (!https && !development) {
      if (!props.allowPlainHttp()) {
        throw new InvalidSettingException(
            "server.ssl",
            "is not configured: a production gateway serves its API over HTTPS only",
            "Configure server.ssl (a key store, or a certificate and key, e.g. the gateway's TLS"
                + " certificate from the federation PKI); see the README, 'Security: configuring"
                + " each way in'");
      }
      log.warn(
          "liaison.security.allow-plain-http is set: the API is served over plain HTTP. Only for"
              + " tests, or behind a TLS-terminating proxy on the same host");
    }
    return new HttpsRequirement(https);
  }

  boolean https() {
    return https;
  }
}
