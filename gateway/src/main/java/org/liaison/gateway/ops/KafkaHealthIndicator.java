package org.liaison.gateway.ops;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Kafka is UP when the cluster answers a describe-cluster request within a short timeout. When it
 * does not, the detail is the error's class alone: messages can name hosts and principals, which a
 * health endpoint has no business showing.
 */
public final class KafkaHealthIndicator implements HealthIndicator {

  private final Admin admin;
  private final Duration timeout;

  public KafkaHealthIndicator(Admin admin, Duration timeout) {
    this.admin = admin;
    this.timeout = timeout;
  }

  @Override
  public Health health() {
    DescribeClusterResult cluster =
        admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout.toMillis()));
    try {
      String clusterId = cluster.clusterId().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      int nodes = cluster.nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS).size();
      return Health.up().withDetail("clusterId", clusterId).withDetail("nodes", nodes).build();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      return down(cause);
    } catch (TimeoutException e) {
      return down(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return down(e);
    }
  }

  private static Health down(Throwable error) {
    return Health.down().withDetail("error", error.getClass().getName()).build();
  }
}
