package org.liaison.gateway.transport;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer of one topic on a thread of its own. For each batch it handles every record, runs the
 * batch's completion (waiting until the receipts it caused are acknowledged, say), and only then
 * commits the offsets, so that a crash anywhere leads to a redelivery, never to a loss. When
 * handling fails for a reason outside the record (the database is down, say), it rewinds to the
 * record and tries again after a pause: nothing is skipped.
 *
 * <p>Stopping leaves the consumer group, so that another gateway hosting the unit takes the
 * partitions over at once; a gateway that dies without stopping stays a member under its static id,
 * and its restart takes that place back without waiting for the session timeout.
 */
public final class TopicLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicLoop.class);

  /** What is done with each record; a thrown exception means "try this record again". */
  @FunctionalInterface
  public interface RecordHandler {
    void handle(ConsumerRecord<String, byte[]> record);
  }

  private final String topic;
  private final Consumer<String, byte[]> consumer;
  private final RecordHandler handler;
  private final Runnable batchDone;
  private final Duration retryPause;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  /**
   * @param batchDone run after a batch's records are handled and before its offsets are committed;
   *     if it throws, the whole batch is read again
   */
  public TopicLoop(
      String topic,
      Consumer<String, byte[]> consumer,
      RecordHandler handler,
      Runnable batchDone,
      Duration retryPause) {
    this.topic = topic;
    this.consumer = consumer;
    this.handler = handler;
    this.batchDone = batchDone;
    this.retryPause = retryPause;
    this.thread = new Thread(this::run, "consumer-" + topic);
  }

  /** Starts consuming. */
  public TopicLoop start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(topic));
      while (running) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          handle(batch);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        log.error("Consumer of {} woken up while running", topic, e);
      }
    } catch (FencedInstanceIdException e) {
      log.error(
          "Consumer of {} STOPPED: another gateway joined its group with the same static member id;"
              + " give each gateway that hosts a unit its own liaison.kafka.instance-id",
          topic,
          e);
    } catch (RuntimeException e) {
      log.error("Consumer of {} stopped on an unexpected error", topic, e);
    } finally {
      consumer.close(
          CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
              .withTimeout(Duration.ofSeconds(5)));
      stopped.countDown();
    }
  }

  private void handle(ConsumerRecords<String, byte[]> batch) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    Map<TopicPartition, Long> rewind = new HashMap<>();
    for (TopicPartition partition : batch.partitions()) {
      for (ConsumerRecord<String, byte[]> record : batch.records(partition)) {
        try {
          handler.handle(record);
          done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        } catch (RuntimeException e) {
          log.error(
              "Record {}-{}@{} could not be handled; retrying it",
              record.topic(),
              record.partition(),
              record.offset(),
              e);
          rewind.put(partition, record.offset());
          break;
        }
      }
    }
    try {
      batchDone.run();
      if (!done.isEmpty()) {
        consumer.commitSync(done);
      }
    } catch (RuntimeException e) {
      log.error("Batch of {} not completed; it will be read again", topic, e);
      for (TopicPartition partition : batch.partitions()) {
        rewind.put(partition, batch.records(partition).get(0).offset());
      }
    }
    if (!rewind.isEmpty()) {
      rewind.forEach(consumer::seek);
      LockSupport.parkNanos(retryPause.toNanos());
    }
  }

  /** Stops consuming and waits for the thread to finish its batch. */
  @Override
  public void close() {
    running = false;
    consumer.wakeup();
    try {
      if (!stopped.await(30, TimeUnit.SECONDS)) {
        log.warn("Consumer of {} did not stop within 30 s", topic);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
