package org.liaison.gateway.transport;

import java.time.Duration;
import java.util.ArrayList;
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
import org.springframework.transaction.support.TransactionOperations;

/**
 * A consumer of one topic on a thread of its own. For each batch it handles every record in one
 * database transaction, commits it, runs the batch's completion (sending the receipts the batch
 * caused and waiting until Kafka acknowledged them, say), and only then commits the offsets, so
 * that a crash anywhere leads to a redelivery, never to a loss, and a receipt never vouches for a
 * store that was not committed. One commit per batch instead of one or two per record: at load a
 * batch holds tens of records, and on H2 each commit writes a chunk to the file. When handling
 * fails for a reason outside the record (the database is down, say), the transaction is rolled
 * back, the batch's completion is abandoned (its receipts dropped), and the whole batch is read
 * again after a pause: nothing is skipped.
 *
 * <p>A transaction holds at most {@link #TRANSACTION_BYTES} of record values (and at least one
 * record): a batch of large notices is handled as several transactions, each committed with its
 * offsets before the next begins, so that the records' bytes, the notices opened from them and the
 * database's uncommitted pages stay bounded however large the records are.
 *
 * <p>Stopping leaves the consumer group, so that another gateway hosting the unit takes the
 * partitions over at once; a gateway that dies without stopping stays a member under its static id,
 * and its restart takes that place back without waiting for the session timeout.
 */
public final class TopicLoop implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(TopicLoop.class);

  /** The most record bytes handled in one transaction, unless one record alone is larger. */
  public static final long TRANSACTION_BYTES = 8L << 20;

  /** What is done with each record; a thrown exception means "try this record again". */
  @FunctionalInterface
  public interface RecordHandler {
    void handle(ConsumerRecord<String, byte[]> record);
  }

  private final String topic;
  private final Consumer<String, byte[]> consumer;
  private final RecordHandler handler;
  private final Runnable batchDone;
  private final Runnable batchAbandoned;
  private final TransactionOperations transactions;
  private final Duration retryPause;
  private final long maxTransactionBytes;
  private final Thread thread;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  /** Without a database transaction around the batch: for loops that store nothing. */
  public TopicLoop(
      String topic,
      Consumer<String, byte[]> consumer,
      RecordHandler handler,
      Runnable batchDone,
      Duration retryPause) {
    this(
        topic,
        consumer,
        handler,
        batchDone,
        () -> {},
        TransactionOperations.withoutTransaction(),
        retryPause);
  }

  /**
   * @param batchDone run after a batch's transaction committed and before its offsets are
   *     committed; if it throws, the whole batch is read again
   * @param batchAbandoned run when a batch's transaction was rolled back, before it is read again
   * @param transactions the database's: every record of a batch is handled in one of them
   */
  public TopicLoop(
      String topic,
      Consumer<String, byte[]> consumer,
      RecordHandler handler,
      Runnable batchDone,
      Runnable batchAbandoned,
      TransactionOperations transactions,
      Duration retryPause) {
    this(
        topic,
        consumer,
        handler,
        batchDone,
        batchAbandoned,
        transactions,
        retryPause,
        TRANSACTION_BYTES);
  }

  TopicLoop(
      String topic,
      Consumer<String, byte[]> consumer,
      RecordHandler handler,
      Runnable batchDone,
      Runnable batchAbandoned,
      TransactionOperations transactions,
      Duration retryPause,
      long maxTransactionBytes) {
    this.maxTransactionBytes = maxTransactionBytes;
    this.topic = topic;
    this.consumer = consumer;
    this.handler = handler;
    this.batchDone = batchDone;
    this.batchAbandoned = batchAbandoned;
    this.transactions = transactions;
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
    Map<TopicPartition, Long> next = new HashMap<>();
    for (TopicPartition partition : batch.partitions()) {
      next.put(partition, batch.records(partition).get(0).offset());
    }
    List<ConsumerRecord<String, byte[]>> part = new ArrayList<>();
    long bytes = 0;
    for (TopicPartition partition : batch.partitions()) {
      for (ConsumerRecord<String, byte[]> record : batch.records(partition)) {
        long size = record.value() == null ? 0 : record.value().length;
        if (!part.isEmpty() && bytes + size > maxTransactionBytes) {
          if (!handlePart(part, next)) {
            return;
          }
          part.clear();
          bytes = 0;
        }
        part.add(record);
        bytes += size;
      }
    }
    handlePart(part, next);
  }

  /**
   * Handles {@code part} of a batch in one transaction and commits its offsets; false, after
   * seeking back to the first record not committed ({@code next}, per partition) and pausing, when
   * it failed.
   */
  private boolean handlePart(
      List<ConsumerRecord<String, byte[]>> part, Map<TopicPartition, Long> next) {
    Map<TopicPartition, OffsetAndMetadata> done = new HashMap<>();
    boolean stored;
    try {
      stored =
          Boolean.TRUE.equals(
              transactions.execute(
                  status -> {
                    if (handleAll(part, done)) {
                      return true;
                    }
                    status.setRollbackOnly();
                    return false;
                  }));
    } catch (RuntimeException e) {
      log.error("Batch of {} not stored; it will be read again", topic, e);
      stored = false;
    }
    if (stored) {
      try {
        batchDone.run();
        if (!done.isEmpty()) {
          consumer.commitSync(done);
          done.forEach((partition, offset) -> next.put(partition, offset.offset()));
        }
        return true;
      } catch (RuntimeException e) {
        log.error("Batch of {} not completed; it will be read again", topic, e);
      }
    } else {
      batchAbandoned.run();
    }
    next.forEach(consumer::seek);
    LockSupport.parkNanos(retryPause.toNanos());
    return false;
  }

  /** Handles every record; false, at the first that fails, for the batch to be read again. */
  private boolean handleAll(
      List<ConsumerRecord<String, byte[]>> part, Map<TopicPartition, OffsetAndMetadata> done) {
    for (ConsumerRecord<String, byte[]> record : part) {
      try {
        handler.handle(record);
        done.put(
            new TopicPartition(record.topic(), record.partition()),
            new OffsetAndMetadata(record.offset() + 1));
      } catch (RuntimeException e) {
        log.error(
            "Record {}-{}@{} could not be handled; retrying its batch",
            record.topic(),
            record.partition(),
            record.offset(),
            e);
        return false;
      }
    }
    return true;
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
