package org.liaison.gateway.transport;

import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.apache.kafka.common.config.types.Password;
import org.liaison.pki.ca.UnitNames;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * The TLS side of a gateway's Kafka clients: the anchors that the brokers' certificates must chain
 * to (with their host names verified), and each hosted unit's TLS key, so that each unit's clients
 * connect as that unit and the brokers' ACLs keep it to its own topics.
 *
 * <p>Kafka is given the key material as PEM in its configuration, in memory: no key is written to
 * disk, and Kafka prints such values as {@code [hidden]}. Everything that would only fail at the
 * first connection (no anchors, a key that cannot be exported from an HSM, an expired certificate,
 * a certificate that is not the unit's) fails here, at start, with the unit named.
 */
public final class KafkaTls {

  /** The protocols the clients offer; TLS 1.3 first. */
  public static final String PROTOCOLS = "TLSv1.3,TLSv1.2";

  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";

  private final String trustAnchors;
  private final Map<UnitId, PrivateKeyHandle> identities;

  /**
   * @param anchors the CAs that issued the brokers' certificates (the federation's root, usually)
   * @param identities each hosted unit's TLS key with its certificate chain
   */
  public KafkaTls(
      List<X509Certificate> anchors, Map<UnitId, PrivateKeyHandle> identities, Clock clock) {
    if (anchors.isEmpty()) {
      throw new IllegalArgumentException(
          "liaison.kafka.tls.trust-anchors names no certificate: give the PEM file of the CA that"
              + " issued the brokers' certificates");
    }
    if (identities.isEmpty()) {
      throw new IllegalArgumentException("Kafka over TLS needs at least one unit's TLS key");
    }
    identities.forEach((unit, key) -> check(unit, key, clock));
    this.trustAnchors = Pem.encode(anchors.toArray());
    this.identities = Collections.unmodifiableMap(new LinkedHashMap<>(identities));
  }

  /** The units that have a TLS identity. */
  public Set<UnitId> units() {
    return identities.keySet();
  }

  /** Each unit's TLS certificate, for the health of the certificates. */
  public Map<UnitId, X509Certificate> certificates() {
    Map<UnitId, X509Certificate> certificates = new LinkedHashMap<>();
    identities.forEach((unit, key) -> certificates.put(unit, key.certificate()));
    return certificates;
  }

  /** The client settings with which {@code unit}'s clients connect. */
  public Map<String, Object> clientConfig(UnitId unit) {
    PrivateKeyHandle key = identities.get(unit);
    if (key == null) {
      throw new IllegalArgumentException("no Kafka TLS key for unit " + unit);
    }
    return withKey(serverVerification(trustAnchors), key);
  }

  /**
   * The settings of a client holding {@code key} that trusts {@code anchors}: the same a gateway's
   * unit gets, for tools and tests that connect as a principal of their own.
   */
  public static Map<String, Object> clientConfig(
      PrivateKeyHandle key, List<X509Certificate> anchors) {
    return withKey(serverVerification(Pem.encode(anchors.toArray())), key);
  }

  private static Map<String, Object> withKey(Map<String, Object> config, PrivateKeyHandle key) {
    config.put("ssl.keystore.type", "PEM");
    config.put("ssl.keystore.certificate.chain", Pem.encode(key.chain().toArray()));
    config.put("ssl.keystore.key", new Password(pkcs8(key)));
    return config;
  }

  /** The settings that verify the brokers (anchors, host name) and offer no certificate. */
  public static Map<String, Object> serverVerification(List<X509Certificate> anchors) {
    return serverVerification(Pem.encode(anchors.toArray()));
  }

  private static Map<String, Object> serverVerification(String anchorsPem) {
    Map<String, Object> config = new HashMap<>();
    config.put("security.protocol", "SSL");
    config.put("ssl.protocol", "TLSv1.3");
    config.put("ssl.enabled.protocols", PROTOCOLS);
    config.put("ssl.endpoint.identification.algorithm", "https");
    config.put("ssl.truststore.type", "PEM");
    config.put("ssl.truststore.certificates", anchorsPem);
    return config;
  }

  /** The unencrypted PKCS#8 PEM Kafka reads when no key password is set; kept in memory only. */
  private static String pkcs8(PrivateKeyHandle key) {
    byte[] encoded = key.privateKey().getEncoded();
    if (encoded == null || key.requiredProvider().isPresent()) {
      throw new IllegalArgumentException(
          "the TLS key '" + key.alias() + "' cannot be handed to Kafka: it must be a software key");
    }
    return "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(encoded)
        + "\n-----END PRIVATE KEY-----\n";
  }

  private static void check(UnitId unit, PrivateKeyHandle key, Clock clock) {
    X509Certificate certificate = key.certificate();
    X500Principal expected = new X500Principal(encoded(unit));
    if (!certificate.getSubjectX500Principal().equals(expected)) {
      throw new IllegalArgumentException(
          "the Kafka TLS certificate of "
              + unit
              + " names "
              + certificate.getSubjectX500Principal().getName()
              + ", not "
              + expected.getName()
              + ": the brokers would take it for another principal");
    }
    try {
      certificate.checkValidity(java.util.Date.from(clock.instant()));
    } catch (CertificateException e) {
      throw new IllegalArgumentException(
          "the Kafka TLS certificate of "
              + unit
              + " is not valid now (valid "
              + certificate.getNotBefore().toInstant()
              + " to "
              + certificate.getNotAfter().toInstant()
              + ")",
          e);
    }
    try {
      List<String> usages = certificate.getExtendedKeyUsage();
      if (usages == null || !usages.contains(CLIENT_AUTH)) {
        throw new IllegalArgumentException(
            "the Kafka TLS certificate of "
                + unit
                + " is not for TLS clients (no clientAuth): use the unit's TLS-profile key");
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new IllegalArgumentException("unreadable certificate of " + unit, e);
    }
    pkcs8(key);
  }

  private static byte[] encoded(UnitId unit) {
    try {
      return UnitNames.subject(unit).getEncoded();
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
