package org.liaison.pki.cli;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * How the command reaches Kafka: the brokers, and over TLS the anchors their certificates chain to
 * (host names verified) and the CA's administrative client key (the {@code cert issue-service}
 * certificate of the principal allowed to write {@code liaison.directory}), as a gateway's clients
 * connect: PEM in memory, TLS 1.3 first.
 */
final class KafkaClientOptions {

  @Option(
      names = "--bootstrap-servers",
      paramLabel = "HOST:PORT",
      description = "Publish to liaison.directory on these brokers.")
  String bootstrapServers;

  @Option(
      names = "--kafka-trust-anchor",
      paramLabel = "PEM",
      description = "The CA(s) of the brokers' certificates: connect over TLS (plaintext without).")
  Path trustAnchor;

  @Option(
      names = "--kafka-key-store",
      paramLabel = "P12",
      description = "The administrative client's TLS key and chain (PKCS#12), for TLS.")
  Path keyStore;

  @Option(
      names = "--kafka-password-file",
      paramLabel = "FILE",
      description = "The password of --kafka-key-store, from the first line of FILE.")
  Path passwordFile;

  @Option(
      names = "--kafka-password-env",
      paramLabel = "VARIABLE",
      description = "The password of --kafka-key-store, from environment variable VARIABLE.")
  String passwordVariable;

  @Option(
      names = "--kafka-timeout-ms",
      paramLabel = "MS",
      defaultValue = "15000",
      description = "How long to wait for the brokers (default: ${DEFAULT-VALUE}).")
  int timeoutMs;

  boolean requested() {
    return bootstrapServers != null && !bootstrapServers.isBlank();
  }

  /** Publishes {@code value} under {@code key}. */
  KafkaDirectoryPublisher.Written publish(CommandSpec spec, String key, byte[] value) {
    return KafkaDirectoryPublisher.publish(bootstrapServers, settings(spec), key, value, timeoutMs);
  }

  private Map<String, String> settings(CommandSpec spec) {
    Map<String, String> config = new LinkedHashMap<>();
    if (trustAnchor == null) {
      if (keyStore != null) {
        throw new PkiException(
            PkiException.Code.BAD_INPUT, "--kafka-key-store needs --kafka-trust-anchor (TLS)");
      }
      return config;
    }
    List<X509Certificate> anchors = Pem.readCertificates(trustAnchor);
    config.put("security.protocol", "SSL");
    config.put("ssl.protocol", "TLSv1.3");
    config.put("ssl.enabled.protocols", "TLSv1.3,TLSv1.2");
    config.put("ssl.endpoint.identification.algorithm", "https");
    config.put("ssl.truststore.type", "PEM");
    config.put("ssl.truststore.certificates", Pem.encode(anchors.toArray()));
    if (keyStore != null) {
      char[] password =
          Cli.password(
              spec,
              Optional.ofNullable(passwordFile),
              Optional.ofNullable(passwordVariable),
              "the Kafka key store " + keyStore);
      List<KeyEntry> entries = Pkcs12Store.read(keyStore, password);
      if (entries.size() != 1) {
        throw new PkiException(
            PkiException.Code.KEY_NOT_FOUND,
            keyStore + " must hold exactly one key (the client's TLS key), not " + entries.size());
      }
      KeyEntry key = entries.get(0);
      config.put("ssl.keystore.type", "PEM");
      config.put("ssl.keystore.certificate.chain", Pem.encode(key.chain().toArray()));
      config.put(
          "ssl.keystore.key",
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder(64, new byte[] {'\n'})
                  .encodeToString(key.privateKey().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");
    }
    return config;
  }
}
