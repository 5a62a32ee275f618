package org.liaison.pki.acl;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The broker settings that make {@link FederationAcls} the whole truth: TLS with a client
 * certificate required on the listeners gateways use, a principal mapping from the certificate
 * subject to {@code User:<unit id>} or {@code User:<service name>}, and an authorizer that denies
 * whatever no ACL allows. The brokers' own principals are super users (they talk to each other and
 * to the controllers with their service certificates).
 *
 * <p>The mapping uses Kafka's standard {@code ssl.principal.mapping.rules} on the subject in RFC
 * 2253 form, so that operators install no plugin on their brokers:
 *
 * <ul>
 *   <li>a unit's certificate, {@code CN=NL.NCB,O=Liaison,C=NL}, maps to {@code NL.NCB} only when
 *       the CN is a well-formed unit id of the country in {@code C};
 *   <li>a service's certificate, {@code CN=kafka-1,OU=Services,O=Liaison}, maps to {@code kafka-1};
 *   <li>any other subject matches no rule, and the broker refuses the connection (there is no
 *       {@code DEFAULT} rule on purpose).
 * </ul>
 */
public final class BrokerSettings {

  /** The value of {@code ssl.principal.mapping.rules}. */
  public static final String PRINCIPAL_MAPPING_RULES =
      "RULE:^CN=([A-Z]{2})(\\.[A-Z0-9-]{2,32}),O=Liaison,C=\\1$/$1$2/,"
          + "RULE:^CN=([a-z0-9][a-z0-9.-]{1,63}),OU=Services,O=Liaison$/$1/";

  /** Kafka's KRaft authorizer. */
  public static final String AUTHORIZER = "org.apache.kafka.metadata.authorizer.StandardAuthorizer";

  private BrokerSettings() {}

  /**
   * The security settings every broker (and controller) of the federation needs, in the order an
   * operator would write them into {@code server.properties}; key stores, trust stores and listener
   * addresses are the operator's own and not included.
   *
   * @param brokers the service names of the brokers' certificates (their principals become super
   *     users)
   */
  public static Map<String, String> settings(Collection<String> brokers) {
    if (brokers.isEmpty()) {
      throw new IllegalArgumentException("name the brokers' service certificates");
    }
    String superUsers =
        brokers.stream()
            .map(FederationAcls::servicePrincipal)
            .distinct()
            .collect(Collectors.joining(";"));
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("authorizer.class.name", AUTHORIZER);
    settings.put("allow.everyone.if.no.acl.found", "false");
    settings.put("super.users", superUsers);
    settings.put("ssl.client.auth", "required");
    settings.put("ssl.principal.mapping.rules", PRINCIPAL_MAPPING_RULES);
    settings.put("ssl.enabled.protocols", "TLSv1.3,TLSv1.2");
    settings.put("ssl.endpoint.identification.algorithm", "https");
    settings.put("auto.create.topics.enable", "false");
    return settings;
  }

  /**
   * {@link #settings} as lines of a {@code server.properties} file: backslashes doubled, as the
   * properties format requires.
   */
  public static List<String> propertiesLines(Collection<String> brokers) {
    return settings(brokers).entrySet().stream()
        .map(e -> e.getKey() + "=" + e.getValue().replace("\\", "\\\\"))
        .toList();
  }
}
