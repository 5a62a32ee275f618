package org.liaison.gateway.security;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * The HTTPS connector as the API needs it: TLS 1.2 and 1.3 only, a client certificate asked for but
 * not required (bearer tokens and logins come without one), and every client certificate let
 * through the handshake to be judged by {@link ClientCertificateFilter} with a reason code.
 */
final class HttpsServer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addConnectorCustomizers(
        connector -> {
          for (SSLHostConfig host : connector.findSslHostConfigs()) {
            host.setProtocols("TLSv1.2+TLSv1.3");
            host.setCertificateVerification("optional");
            host.setTrustManagerClassName(AcceptClientCertificates.class.getName());
          }
        });
  }
}
