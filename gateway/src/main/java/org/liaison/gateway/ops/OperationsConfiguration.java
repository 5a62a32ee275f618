package org.liaison.gateway.ops;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.apache.kafka.clients.admin.Admin;
import org.liaison.gateway.transport.KafkaClients;
import org.liaison.gateway.units.HostedUnits;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health indicators ({@code kafka}, {@code certificates}; {@code db} is Spring Boot's) and the
 * gateway's metrics, in development mode and in production alike.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

  @Bean
  GatewayMetrics gatewayMetrics(MeterRegistry registry) {
    return new GatewayMetrics(registry);
  }

  /** One admin client for the health checks, not one per request to the endpoint. */
  @Bean(destroyMethod = "close")
  Admin healthAdmin(KafkaClients kafka) {
    return kafka.admin();
  }

  @Bean
  KafkaHealthIndicator kafkaHealthIndicator(Admin healthAdmin, OperationsProperties props) {
    return new KafkaHealthIndicator(healthAdmin, props.kafkaHealthTimeout());
  }

  @Bean
  CertificateHealthIndicator certificatesHealthIndicator(
      HostedUnits hosted, OperationsProperties props, Clock clock, KafkaClients kafka) {
    return new CertificateHealthIndicator(
        hosted, props.certificateWarning(), clock, kafka.tlsCertificates());
  }
}
