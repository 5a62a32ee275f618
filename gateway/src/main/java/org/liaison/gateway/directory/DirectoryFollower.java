package org.liaison.gateway.directory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.liaison.gateway.transport.TopicProvisioner;
import org.liaison.gateway.transport.Topics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Reads the directory topic on a thread of its own: assigned every partition (no consumer group:
 * each gateway reads the whole topic by itself), from the beginning at start (the topic is
 * compacted, so the beginning holds the newest entry of every key) and then live. Each record is
 * handed to the {@link FederationDirectory}; after a batch that changed it, the state is saved.
 *
 * <p>Kafka being away at start does not stop the gateway: the state file gave the last verified
 * directory already, and this thread keeps trying to reach the topic. An unexpected error does not
 * end the following either: the thread starts again with a new consumer from the topic's beginning,
 * after a pause that doubles up to a minute while the errors repeat.
 */
public final class DirectoryFollower implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(DirectoryFollower.class);

  private static final Duration RETRY = Duration.ofSeconds(2);
  private static final Duration MAX_PAUSE = Duration.ofMinutes(1);

  private final FederationDirectory directory;
  private final Supplier<Consumer<String, byte[]>> consumers;
  private final Supplier<Admin> admin;
  private final short replicationFactor;
  private final Duration retry;
  private final AtomicLong restarts = new AtomicLong();
  private Thread thread;
  private volatile Consumer<String, byte[]> consumer;
  private volatile boolean running;

  /**
   * @param admin an admin client to create the topic with, or null when the gateway does not
   *     provision topics
   */
  public DirectoryFollower(
      FederationDirectory directory,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Admin> admin,
      short replicationFactor) {
    this(directory, consumers, admin, replicationFactor, RETRY);
  }

  /** As above, with the first pause before starting again after an error (doubling to 1 min). */
  DirectoryFollower(
      FederationDirectory directory,
      Supplier<Consumer<String, byte[]>> consumers,
      Supplier<Admin> admin,
      short replicationFactor,
      Duration retry) {
    this.directory = directory;
    this.consumers = consumers;
    this.admin = admin;
    this.replicationFactor = replicationFactor;
    this.retry = retry;
  }

  @Override
  public void start() {
    running = true;
    thread = new Thread(this::run, "directory-follower");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    provision();
    Duration pause = retry;
    while (running) {
      long started = System.nanoTime();
      try {
        follow();
        return;
      } catch (WakeupException e) {
        if (!running) {
          return;
        }
        log.error("Directory follower woken up while running; starting again", e);
      } catch (RuntimeException e) {
        log.error(
            "Directory follower stopped on an unexpected error; starting again in {}", pause, e);
      }
      restarts.incrementAndGet();
      // A session that ran a while was no loop of failures: back off from the start again.
      if (Duration.ofNanos(System.nanoTime() - started).compareTo(MAX_PAUSE) > 0) {
        pause = retry;
      }
      LockSupport.parkNanos(pause.toNanos());
      pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
    }
  }

  /**
   * One session with one consumer: the topic from its beginning (entries already held come back
   * UNCHANGED), then live, until stopped or an error ends it.
   */
  private void follow() {
    try (Consumer<String, byte[]> c = consumers.get()) {
      consumer = c;
      List<TopicPartition> partitions = partitions(c);
      if (partitions.isEmpty()) {
        return;
      }
      c.assign(partitions);
      c.seekToBeginning(partitions);
      log.info("Following {} from its beginning", Topics.DIRECTORY);
      while (running) {
        ConsumerRecords<String, byte[]> batch = c.poll(Duration.ofMillis(500));
        boolean changed = false;
        for (ConsumerRecord<String, byte[]> record : batch) {
          String where = record.topic() + "-" + record.partition() + "@" + record.offset();
          changed |= directory.apply(record.key(), record.value(), where);
        }
        if (changed) {
          save();
        }
      }
    } finally {
      consumer = null;
    }
  }

  /** How often the follower started again after an unexpected error. */
  public long restarts() {
    return restarts.get();
  }

  private void provision() {
    if (admin == null) {
      return;
    }
    try (Admin client = admin.get()) {
      new TopicProvisioner(client, 1, replicationFactor, Integer.MAX_VALUE).ensureDirectoryTopic();
    } catch (RuntimeException e) {
      // Over TLS only the CA's administrative principal may create it: the operators do.
      log.warn("Could not make sure {} exists: {}", Topics.DIRECTORY, e.getMessage());
    }
  }

  /** The topic's partitions, asked until Kafka answers with some or the follower is stopped. */
  private List<TopicPartition> partitions(Consumer<String, byte[]> c) {
    while (running) {
      try {
        List<PartitionInfo> found = c.partitionsFor(Topics.DIRECTORY, Duration.ofSeconds(10));
        if (found != null && !found.isEmpty()) {
          return found.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        }
        log.warn(
            "{} does not exist yet; the directory state file is all we know", Topics.DIRECTORY);
      } catch (WakeupException e) {
        throw e;
      } catch (RuntimeException e) {
        log.warn("Kafka not reachable for {}: {}", Topics.DIRECTORY, e.getMessage());
      }
      LockSupport.parkNanos(retry.toNanos());
    }
    return List.of();
  }

  private void save() {
    try {
      directory.save();
    } catch (RuntimeException e) {
      // The entries are applied in memory; the next change or the topic will give them again.
      log.error("Directory state not saved: {}", e.getMessage());
    }
  }

  @Override
  public void stop() {
    running = false;
    Consumer<String, byte[]> c = consumer;
    if (c != null) {
      c.wakeup();
    }
    if (thread != null) {
      LockSupport.unpark(thread); // from a pause between two sessions
      try {
        thread.join(TimeUnit.SECONDS.toMillis(15));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
