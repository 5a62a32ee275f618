package org.liaison.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Everything a gateway is told, under {@code liaison.*}. With no configuration at all it runs in
 * development mode; a production gateway sets {@code liaison.development.enabled=false} and names
 * its units, key stores, trust material, Kafka and database.
 *
 * @param dataDir where development mode keeps everything it generates, and where the case-reference
 *     key lives unless {@code caseReferenceKeyFile} says otherwise
 * @param caseReferenceKeyFile the gateway's secret for the case-reference MAC (32+ bytes)
 * @param peers PEM files of other units' encryption certificates, until the directory topic
 * @param keystoreReload how often a production gateway checks whether a hosted unit's key store
 *     file changed, and reloads its keys when it did (a rotation without a restart); zero: never
 */
@ConfigurationProperties("liaison")
public record LiaisonProperties(
    Path dataDir,
    Development development,
    Kafka kafka,
    Opening opening,
    List<Unit> units,
    Trust trust,
    List<Path> peers,
    Path caseReferenceKeyFile,
    Duration expirySweep,
    Duration keystoreReload) {

  public LiaisonProperties {
    dataDir = dataDir == null ? Path.of("data") : dataDir;
    development = development == null ? new Development(true, null, 0) : development;
    kafka = kafka == null ? new Kafka(null, 0, (short) 0, null, null, 0, null, null) : kafka;
    opening = opening == null ? new Opening(null, null) : opening;
    units = units == null ? List.of() : List.copyOf(units);
    trust = trust == null ? new Trust(null, null, null, false) : trust;
    peers = peers == null ? List.of() : List.copyOf(peers);
    caseReferenceKeyFile =
        caseReferenceKeyFile == null ? dataDir.resolve("case-reference.key") : caseReferenceKeyFile;
    expirySweep = expirySweep == null ? Duration.ofMinutes(5) : expirySweep;
    keystoreReload = keystoreReload == null ? Duration.ofSeconds(10) : keystoreReload;
  }

  /**
   * Development mode: an in-process Kafka server, a development federation and the units it hosts,
   * all under {@code dataDir}.
   *
   * @param kafkaPort the in-process Kafka listener's loopback port; 0 for a free one
   */
  public record Development(boolean enabled, List<String> units, int kafkaPort) {
    public Development {
      units = units == null ? List.of("NL.NCB", "NL.ATT-BKK", "TH.CIB") : List.copyOf(units);
    }
  }

  /**
   * @param bootstrapServers the federation's Kafka cluster (set by development mode when empty)
   * @param ackTimeout how long a publish waits for Kafka's acknowledgement of every copy
   * @param provisionTopics whether the gateway creates its units' topics when missing (default
   *     true; operators who create topics and ACLs themselves set it to false)
   * @param maxMessageBytes the largest record: a sealed notice with its attachments
   * @param tls how a production gateway connects to the brokers (development mode ignores it: its
   *     in-process broker listens in plaintext on loopback)
   * @param instanceId this running gateway among those of the federation, for Kafka's static group
   *     membership: a gateway restarted after a crash takes its consumers' place in their groups at
   *     once instead of waiting for the dead ones' session to time out. Letters, digits, '.', '_'
   *     and '-', at most 128; the host name when not set. Two gateways that host the same unit at
   *     the same time must have different ids (else one fences the other out of the group), and a
   *     gateway must keep its id across restarts.
   */
  public record Kafka(
      String bootstrapServers,
      int partitions,
      short replicationFactor,
      Duration ackTimeout,
      Boolean provisionTopics,
      int maxMessageBytes,
      Tls tls,
      String instanceId) {
    public Kafka {
      partitions = partitions <= 0 ? 3 : partitions;
      replicationFactor = replicationFactor <= 0 ? 1 : replicationFactor;
      ackTimeout = ackTimeout == null ? Duration.ofSeconds(15) : ackTimeout;
      provisionTopics = provisionTopics == null || provisionTopics;
      maxMessageBytes = maxMessageBytes <= 0 ? 16 * 1024 * 1024 : maxMessageBytes;
      tls = tls == null ? new Tls(null, null) : tls;
    }

    /**
     * Kafka over TLS (security protocol SSL, TLS 1.3 or 1.2, the brokers' host names verified),
     * each hosted unit's clients with the unit's own TLS certificate (the key {@code tls-alias} of
     * its key store), so that the brokers' ACLs keep each unit to its own topics.
     *
     * @param enabled must be set by a production gateway: {@code true}, or {@code false} to connect
     *     in plaintext (only where the network itself is trusted; the gateway says so at start)
     * @param trustAnchors PEM files of the CAs that issued the brokers' certificates (the
     *     federation's root when the brokers have service certificates from its CA)
     */
    public record Tls(Boolean enabled, List<Path> trustAnchors) {
      public Tls {
        trustAnchors = trustAnchors == null ? List.of() : List.copyOf(trustAnchors);
      }
    }
  }

  /**
   * @param maxAge how old a notice's signing time may be on arrival
   * @param maxClockSkew how far ahead of this gateway's clock a signing time may be
   */
  public record Opening(Duration maxAge, Duration maxClockSkew) {
    public Opening {
      maxAge = maxAge == null ? Duration.ofDays(7) : maxAge;
      maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(5) : maxClockSkew;
    }
  }

  /**
   * A hosted unit of a production gateway: its PKCS#12 key store, whose password comes from a file
   * or an environment variable, never from this configuration.
   *
   * @param tlsAlias the key its Kafka clients connect with when {@code liaison.kafka.tls} is
   *     enabled (a TLS-profile certificate of the unit)
   */
  public record Unit(
      String id,
      Path keystore,
      Path passwordFile,
      String passwordEnv,
      String signingAlias,
      String encryptionAlias,
      String tlsAlias) {
    public Unit {
      signingAlias = signingAlias == null ? "signing" : signingAlias;
      encryptionAlias = encryptionAlias == null ? "encryption" : encryptionAlias;
      tlsAlias = tlsAlias == null ? "tls" : tlsAlias;
    }
  }

  /**
   * The federation's trust anchors, intermediates and CRLs (PEM files).
   *
   * @param allowMissingRevocation accept certificates whose revocation status is unknown; off by
   *     default: missing or stale CRLs fail closed
   */
  public record Trust(
      List<Path> anchors,
      List<Path> intermediates,
      List<Path> crls,
      boolean allowMissingRevocation) {
    public Trust {
      anchors = anchors == null ? List.of() : List.copyOf(anchors);
      intermediates = intermediates == null ? List.of() : List.copyOf(intermediates);
      crls = crls == null ? List.of() : List.copyOf(crls);
    }
  }
}
