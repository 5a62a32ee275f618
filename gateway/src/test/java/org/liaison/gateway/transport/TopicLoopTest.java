package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

@ExtendWith(OutputCaptureExtension.class)
class TopicLoopTest {

  /**
   * Two gateways that host one unit under the same static member id: the later one's join fences
   * the earlier one, whose consumer can do nothing more. It stops, and says which setting to fix.
   */
  @Test
  void aConsumerFencedByAnotherGatewayWithItsInstanceIdStopsAndNamesTheSetting(
      CapturedOutput output) {
    var consumer = new MockConsumer<String, byte[]>("earliest");
    consumer.setPollException(new FencedInstanceIdException("fenced by a newer member"));

    var loop =
        new TopicLoop("liaison.notices.NL.NCB", consumer, r -> {}, () -> {}, Duration.ZERO).start();

    await().atMost(Duration.ofSeconds(10)).until(consumer::closed);
    loop.close();
    assertThat(output)
        .contains("Consumer of liaison.notices.NL.NCB STOPPED")
        .contains("liaison.kafka.instance-id");
  }

  /** Transactions that only say what happened to them. */
  static TransactionOperations recorded(List<String> events) {
    return new TransactionOperations() {
      @Override
      public <T> T execute(TransactionCallback<T> action) {
        events.add("begin");
        TransactionStatus status = new SimpleTransactionStatus();
        T result;
        try {
          result = action.doInTransaction(status);
        } catch (RuntimeException e) {
          events.add("rollback");
          throw e;
        }
        events.add(status.isRollbackOnly() ? "rollback" : "commit");
        return result;
      }
    };
  }

  private static final TopicPartition PARTITION = new TopicPartition("liaison.notices.NL.NCB", 0);

  /**
   * A consumer whose first poll has records 0, 1 and 2 of {@code valueBytes} bytes each, and whose
   * second has them again: a mock consumer forgets what it returned, so after a seek back the
   * second poll stands for the broker's copy.
   */
  private static MockConsumer<String, byte[]> threeRecordsTwice(int valueBytes) {
    var consumer = new MockConsumer<String, byte[]>("earliest");
    consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
    Runnable threeRecords =
        () -> {
          for (int offset = 0; offset < 3; offset++) {
            consumer.addRecord(
                new ConsumerRecord<>(
                    PARTITION.topic(), 0, offset, "k" + offset, new byte[valueBytes]));
          }
        };
    consumer.schedulePollTask(
        () -> {
          consumer.rebalance(List.of(PARTITION));
          threeRecords.run();
        });
    consumer.schedulePollTask(threeRecords);
    return consumer;
  }

  /** Records what it handles, and fails once, the first time it meets {@code offset}. */
  private static TopicLoop.RecordHandler failingOnceAt(long offset, List<String> events) {
    AtomicBoolean failedOnce = new AtomicBoolean();
    return r -> {
      if (r.offset() == offset && failedOnce.compareAndSet(false, true)) {
        events.add("fail " + offset);
        throw new IllegalStateException("the database is down");
      }
      events.add("handle " + r.offset());
    };
  }

  /**
   * A batch is one transaction: its receipts go out only after the commit, and the offsets are
   * committed only after the receipts. A record that cannot be handled rolls the whole batch back,
   * drops its receipts unsent, and the batch is read again from its first record.
   */
  @Test
  void aBatchIsOneTransactionAndAFailureRollsItBackDropsItsReceiptsAndReadsItAgain() {
    TopicPartition partition = PARTITION;
    var consumer = threeRecordsTwice(0);
    List<String> events = new CopyOnWriteArrayList<>();

    var loop =
        new TopicLoop(
                partition.topic(),
                consumer,
                failingOnceAt(1, events),
                () -> events.add("send receipts"),
                () -> events.add("drop receipts"),
                recorded(events),
                Duration.ZERO)
            .start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> consumer.committed(java.util.Set.of(partition)).get(partition) != null);
    OffsetAndMetadata committed = consumer.committed(java.util.Set.of(partition)).get(partition);
    loop.close();
    assertThat(events)
        .containsExactly(
            "begin",
            "handle 0",
            "fail 1",
            "rollback",
            "drop receipts",
            "begin",
            "handle 0",
            "handle 1",
            "handle 2",
            "commit",
            "send receipts");
    assertThat(committed).isEqualTo(new OffsetAndMetadata(3));
  }

  /**
   * A batch larger than a transaction's bytes is handled in parts, each committed with its offsets
   * before the next: a failure in the second part rolls back only that part, and reading resumes at
   * its first record, never before (which would store the first part twice) nor after.
   */
  @Test
  void aBatchOfLargeRecordsIsCommittedInBoundedPartsAndAFailedPartIsReadAgainFromItsStart() {
    TopicPartition partition = PARTITION;
    var consumer = threeRecordsTwice(4);
    List<String> events = new CopyOnWriteArrayList<>();

    var loop =
        new TopicLoop(
                partition.topic(),
                consumer,
                failingOnceAt(2, events),
                () -> events.add("send receipts"),
                () -> events.add("drop receipts"),
                recorded(events),
                Duration.ZERO,
                10)
            .start();

    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () -> {
              OffsetAndMetadata c = consumer.committed(java.util.Set.of(partition)).get(partition);
              return c != null && c.offset() == 3;
            });
    loop.close();
    assertThat(events)
        .containsExactly(
            "begin",
            "handle 0",
            "handle 1",
            "commit",
            "send receipts",
            "begin",
            "fail 2",
            "rollback",
            "drop receipts",
            "begin",
            "handle 2",
            "commit",
            "send receipts");
  }
}
