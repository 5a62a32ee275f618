package org.liaison.gateway.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.liaison.gateway.startup.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The id of this running gateway for Kafka's static group membership ({@code
 * liaison.kafka.instance-id}, the host name by default). Each consumer's {@code group.instance.id}
 * is made of it and the consumer's own name, so it must be legal inside Kafka's: letters, digits,
 * '.', '_' and '-'.
 */
public final class KafkaInstanceId {

  static final String SETTING = "liaison.kafka.instance-id";
  static final int MAX_LENGTH = 128;

  private static final Logger log = LoggerFactory.getLogger(KafkaInstanceId.class);
  private static final Pattern LEGAL = Pattern.compile("[A-Za-z0-9._-]{1," + MAX_LENGTH + "}");
  private static final Pattern ILLEGAL_CHARACTER = Pattern.compile("[^A-Za-z0-9._-]");

  private KafkaInstanceId() {}

  /**
   * The configured id, checked, or one derived from the host name; empty when neither is available
   * (the consumers then join their groups as dynamic members, and a restart after a crash waits for
   * the dead members' session timeout).
   *
   * @throws InvalidSettingException when the configured id is not one Kafka accepts
   */
  public static Optional<String> resolve(LiaisonProperties.Kafka kafka) {
    return resolve(kafka.instanceId(), KafkaInstanceId::hostName);
  }

  static Optional<String> resolve(String configured, Supplier<String> hostName) {
    if (configured != null) {
      if (!LEGAL.matcher(configured).matches()) {
        throw new InvalidSettingException(
            SETTING,
            "is '" + configured + "', which Kafka cannot take as part of a group instance id",
            "Use 1 to "
                + MAX_LENGTH
                + " letters, digits, '.', '_' or '-', one per running gateway, kept across"
                + " restarts (the host name is the default)");
      }
      return Optional.of(configured);
    }
    String host = hostName.get();
    if (host == null || host.isBlank()) {
      log.warn(
          "No host name to derive {} from: Kafka consumers join as dynamic members, and a restart"
              + " after a crash waits for the session timeout of the dead ones; set {}",
          SETTING,
          SETTING);
      return Optional.empty();
    }
    String id = ILLEGAL_CHARACTER.matcher(host.toLowerCase(Locale.ROOT)).replaceAll("-");
    return Optional.of(id.length() > MAX_LENGTH ? id.substring(0, MAX_LENGTH) : id);
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return null;
    }
  }
}
