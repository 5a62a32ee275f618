package org.liaison.gateway.security;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS server's trust manager for client certificates: lets every client certificate through the
 * handshake (the client still proves it holds the key), so that {@link ClientCertificateFilter} can
 * validate it with the federation's validator and refuse with a specific code (expired, revoked,
 * untrusted...) instead of a bare handshake failure. Tomcat makes it by class name.
 */
public final class AcceptClientCertificates implements X509TrustManager {

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {
    // Judged per request by ClientCertificateFilter, with a reason code.
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("this trust manager only serves the gateway's TLS server");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
