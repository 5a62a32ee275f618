package org.liaison.gateway.transport;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the topics of the hosted units when they are missing. In production the federation's
 * operators usually create topics and ACLs themselves; a gateway allowed to create them does so at
 * start, and one that is not allowed is told which are missing.
 */
public final class TopicProvisioner {

  private static final Logger log = LoggerFactory.getLogger(TopicProvisioner.class);

  private final Admin admin;
  private final int partitions;
  private final short replicationFactor;
  private final int maxMessageBytes;

  public TopicProvisioner(
      Admin admin, int partitions, short replicationFactor, int maxMessageBytes) {
    this.admin = admin;
    this.partitions = partitions;
    this.replicationFactor = replicationFactor;
    this.maxMessageBytes = maxMessageBytes;
  }

  /**
   * Makes sure the directory topic exists, compacted (the newest entry of each key is kept for
   * ever, so that a gateway reading it from the beginning gets the whole directory), with a single
   * partition so that entries are read in the order published. Returns whether it was created.
   */
  public boolean ensureDirectoryTopic() {
    NewTopic topic =
        new NewTopic(Topics.DIRECTORY, 1, replicationFactor)
            .configs(
                Map.of(
                    TopicConfig.CLEANUP_POLICY_CONFIG,
                    TopicConfig.CLEANUP_POLICY_COMPACT,
                    TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
                    String.valueOf(Math.max(1, replicationFactor - 1))));
    try {
      if (admin.listTopics().names().get(30, TimeUnit.SECONDS).contains(Topics.DIRECTORY)) {
        return false;
      }
      admin.createTopics(List.of(topic)).all().get(30, TimeUnit.SECONDS);
      log.info("Created topic {} (compacted)", Topics.DIRECTORY);
      return true;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof TopicExistsException) {
        return false;
      }
      throw new IllegalStateException(
          "cannot create " + Topics.DIRECTORY + ": " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException("cannot create " + Topics.DIRECTORY + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating " + Topics.DIRECTORY, e);
    }
  }

  /** Makes sure the notices and receipts topics of every unit exist; returns those it created. */
  public List<String> ensureUnitTopics(Collection<UnitId> units) {
    List<NewTopic> wanted = new ArrayList<>();
    Map<String, String> config =
        Map.of(
            TopicConfig.MAX_MESSAGE_BYTES_CONFIG,
            String.valueOf(maxMessageBytes),
            TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG,
            String.valueOf(Math.max(1, replicationFactor - 1)));
    for (UnitId unit : units) {
      for (String topic : List.of(Topics.notices(unit), Topics.receipts(unit))) {
        wanted.add(new NewTopic(topic, partitions, replicationFactor).configs(config));
      }
    }
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = wanted.stream().filter(t -> !existing.contains(t.name())).toList();
      List<String> created = new ArrayList<>();
      for (var entry : admin.createTopics(missing).values().entrySet()) {
        try {
          entry.getValue().get(30, TimeUnit.SECONDS);
          created.add(entry.getKey());
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw e;
          }
        }
      }
      if (!created.isEmpty()) {
        log.info("Created topics {}", created);
      }
      return created;
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "cannot create the topics of the hosted units: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topics", e);
    }
  }
}
