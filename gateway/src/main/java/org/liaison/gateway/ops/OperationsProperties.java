package org.liaison.gateway.ops;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the operations features are told, under {@code liaison.operations.*}.
 *
 * @param certificateWarning how long before a hosted unit's certificate expires the health endpoint
 *     starts listing it as expiring soon
 * @param kafkaHealthTimeout how long the Kafka health check waits for the cluster to answer
 */
@ConfigurationProperties("liaison.operations")
public record OperationsProperties(Duration certificateWarning, Duration kafkaHealthTimeout) {

  public OperationsProperties {
    certificateWarning = certificateWarning == null ? Duration.ofDays(30) : certificateWarning;
    kafkaHealthTimeout = kafkaHealthTimeout == null ? Duration.ofSeconds(3) : kafkaHealthTimeout;
  }
}
