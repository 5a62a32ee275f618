package org.liaison.gateway.inbound;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.liaison.gateway.receipts.ReceiptOutbox;
import org.liaison.gateway.transport.Topics;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The consumer of one hosted unit's notices topic, on a thread of its own. For each batch it
 * processes every record, waits until the batch's receipts are acknowledged, and only then commits
 * the offsets, so that a crash anywhere leads to a redelivery, never to a loss. When processing
 * fails for a reason outside the record (the database is down, say), it rewinds to the record and
 * tries again after a pause: nothing is skipped.
 */
public final class UnitInbound implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(UnitInbound.class);

  private final UnitId unit;
  private final Consumer<String, byte[]> consumer;
  private final InboundProcessor processor;
  private final ReceiptOutbox receipts;
  private final Duration retryPause;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  public UnitInbound(
      UnitId unit,
      Consumer<String, byte[]> consumer,
      InboundProcessor processor,
      ReceiptOutbox receipts,
      Duration retryPause) {
    this.unit = unit;
    this.consumer = consumer;
    this.processor = processor;
    this.receipts = receipts;
    this.retryPause = retryPause;
    this.thread = new Thread(this::run, "liaison-inbound-" + unit.value());
  }

  /** Starts consuming. */
  public UnitInbound start() {
    thread.start();
    return this;
  }

  private void run() {
    try {
      consumer.subscribe(List.of(Topics.notices(unit)));
      while (running) {
        ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          handle(batch);
        }
      }
    } catch (WakeupException e) {
      if (running) {
        throw e;
      }
    } catch (RuntimeException e) {
      log.error("Inbound consumer of {} stopped on an unexpected error", unit, e);
    } finally {
      consumer.close(Duration.ofSeconds(5));
      stopped.countDown();
    }
  }

  private void handle(ConsumerRecords<String, byte[]> batch) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    Map<TopicPartition, Long> rewind = new HashMap<>();
    for (TopicPartition partition : batch.partitions()) {
      for (ConsumerRecord<String, byte[]> record : batch.records(partition)) {
        try {
          processor.process(record);
          done.put(partition, new OffsetAndMetadata(record.offset() + 1));
        } catch (RuntimeException e) {
          log.error(
              "Record {}-{}@{} for {} could not be processed; retrying it",
              record.topic(),
              record.partition(),
              record.offset(),
              unit,
              e);
          rewind.put(partition, record.offset());
          break;
        }
      }
    }
    try {
      receipts.flush();
      if (!done.isEmpty()) {
        consumer.commitSync(done);
      }
    } catch (RuntimeException e) {
      log.error(
          "Receipts or offsets of {} not acknowledged; the batch will be read again", unit, e);
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
        log.warn("Inbound consumer of {} did not stop within 30 s", unit);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
