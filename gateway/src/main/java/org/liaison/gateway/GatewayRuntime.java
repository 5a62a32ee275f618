package org.liaison.gateway;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.liaison.gateway.inbound.CaseReferenceMac;
import org.liaison.gateway.inbound.InboundProcessor;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.receipts.ReceiptOutbox;
import org.liaison.gateway.receipts.ReceiptProcessor;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.SeenNotices;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.transport.KafkaClients;
import org.liaison.gateway.transport.TopicLoop;
import org.liaison.gateway.transport.TopicProvisioner;
import org.liaison.gateway.transport.Topics;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.NoticeRulesCheck;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.seal.ReceiptOpener;
import org.liaison.pki.seal.SenderCheck;
import org.liaison.pki.validation.CertificateValidator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Starts, for each hosted unit, the consumer of its notices topic and of its receipts topic (after
 * creating the topics when allowed), each acting as that unit, and stops them before the
 * application context closes its producer and database.
 */
public final class GatewayRuntime implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(GatewayRuntime.class);

  /** Everything the runtime wires into the loops. */
  public record Parts(
      HostedUnits hosted,
      KafkaClients kafka,
      boolean provisionTopics,
      int partitions,
      short replicationFactor,
      int maxMessageBytes,
      ProviderChoice providers,
      OpeningPolicy opening,
      Supplier<CertificateValidator> validator,
      JdbcClient jdbc,
      TransactionOperations transactions,
      InboxStore inbox,
      QuarantineStore quarantine,
      SentStore sent,
      ReceiptOutbox receipts,
      CaseReferenceMac caseReferences,
      Clock clock,
      GatewayMetrics metrics,
      SenderCheck senders) {}

  private final Parts p;
  private final List<TopicLoop> loops = new ArrayList<>();
  private volatile boolean running;

  public GatewayRuntime(Parts parts) {
    this.p = parts;
  }

  @Override
  public void start() {
    if (p.provisionTopics()) {
      // Each unit creates its own topics: over TLS the brokers let a unit create no other.
      for (HostedUnit unit : p.hosted().all()) {
        try (Admin admin = p.kafka().admin("liaison-provisioner-" + unit.id().value(), unit.id())) {
          new TopicProvisioner(admin, p.partitions(), p.replicationFactor(), p.maxMessageBytes())
              .ensureUnitTopics(List.of(unit.id()));
        }
      }
    }
    ReceiptOpener receiptOpener = new ReceiptOpener(p.providers(), p.opening());
    for (HostedUnit unit : p.hosted().all()) {
      var opener =
          new NoticeOpener(
              p.providers(),
              p.opening(),
              new SeenNotices(p.jdbc(), p.clock(), unit.id()),
              NoticeRulesCheck.standard(),
              p.senders());
      var processor =
          new InboundProcessor(
              p.hosted().current(unit.id()),
              opener,
              p.validator(),
              p.inbox(),
              p.quarantine(),
              p.receipts(),
              p.caseReferences(),
              p.clock(),
              p.metrics());
      loops.add(
          new TopicLoop(
                  Topics.notices(unit.id()),
                  p.kafka()
                      .consumer(group(unit), "liaison-inbound-" + unit.id().value(), unit.id()),
                  processor,
                  p.receipts()::flush,
                  p.receipts()::discard,
                  p.transactions(),
                  Duration.ofSeconds(2))
              .start());
      var receipts =
          new ReceiptProcessor(
              unit.id(),
              receiptOpener,
              p.validator(),
              p.sent(),
              p.quarantine(),
              p.clock(),
              p.metrics());
      loops.add(
          new TopicLoop(
                  Topics.receipts(unit.id()),
                  p.kafka()
                      .consumer(group(unit), "liaison-receipts-" + unit.id().value(), unit.id()),
                  receipts,
                  () -> {},
                  () -> {},
                  p.transactions(),
                  Duration.ofSeconds(2))
              .start());
    }
    running = true;
    log.info("Gateway consuming for {}", p.hosted().ids());
  }

  private static String group(HostedUnit unit) {
    return Topics.consumerGroup(unit.id());
  }

  @Override
  public void stop() {
    loops.forEach(TopicLoop::close);
    loops.clear();
    running = false;
  }

  @Override
  public boolean isRunning() {
    return running;
  }
}
