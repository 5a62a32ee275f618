package org.liaison.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.directory.DirectoryEntries;
import org.liaison.pki.directory.DirectoryEntrySigner;
import org.liaison.pki.directory.EntryKey;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.UnitStatus;

/** The follower survives an unexpected error: it starts again with a new consumer and goes on. */
class DirectoryFollowerTest {

  private static final UnitId NL = UnitId.of("NL.NCB");
  private static final UnitId TH = UnitId.of("TH.CIB");
  private static final TopicPartition PARTITION = new TopicPartition(Topics.DIRECTORY, 0);

  private final FederationKit kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NL, TH));
  private final DirectoryEntrySigner signer =
      new DirectoryEntrySigner(kit.issueDirectorySigner("directory"));

  @TempDir Path dir;

  @Test
  void anUnexpectedErrorStartsTheFollowerAgainFromTheBeginning() {
    FederationDirectory directory =
        new FederationDirectory(
            new TrustMaterial(
                List.of(kit.trustAnchor()),
                List.of(kit.issuingCa()),
                kit.crls(),
                RevocationPolicy.REQUIRE),
            new DirectoryProperties(null, null, null, 0),
            dir,
            Clock.systemUTC(),
            new SimpleMeterRegistry());
    byte[] entry = entry(TH);
    AtomicInteger made = new AtomicInteger();
    List<MockConsumer<String, byte[]>> consumers = new ArrayList<>();
    DirectoryFollower follower =
        new DirectoryFollower(
            directory,
            () -> {
              MockConsumer<String, byte[]> c = consumer(entry);
              if (made.getAndIncrement() == 0) {
                // The first session breaks on its first poll, before any record.
                c.setPollException(new KafkaException("broken on purpose"));
              }
              consumers.add(c);
              return c;
            },
            null,
            (short) 1,
            Duration.ofMillis(50));

    follower.start();
    try {
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> directory.entry(EntryKey.unit(TH.value())).isPresent());
    } finally {
      follower.stop();
    }

    assertThat(follower.restarts()).isEqualTo(1);
    assertThat(made.get()).isEqualTo(2);
    assertThat(consumers.get(0).closed()).isTrue();
  }

  private static MockConsumer<String, byte[]> consumer(byte[] entry) {
    MockConsumer<String, byte[]> c = new MockConsumer<>("earliest");
    c.updatePartitions(
        Topics.DIRECTORY, List.of(new PartitionInfo(Topics.DIRECTORY, 0, null, null, null)));
    c.updateBeginningOffsets(Map.of(PARTITION, 0L));
    c.schedulePollTask(
        () ->
            c.addRecord(new ConsumerRecord<>(Topics.DIRECTORY, 0, 0, "unit:" + TH.value(), entry)));
    return c;
  }

  private byte[] entry(UnitId unit) {
    return signer.sign(
        DirectoryEntries.unit(
            unit,
            unit.value(),
            UnitStatus.ACTIVE,
            List.of(kit.unit(unit).encryption().certificate()),
            List.of(kit.unit(unit).signing().certificate()),
            List.of(kit.issuingCa()),
            1,
            Instant.now()),
        Instant.now());
  }
}
