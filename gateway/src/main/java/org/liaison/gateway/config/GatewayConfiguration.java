package org.liaison.gateway.config;

import io.micrometer.core.instrument.MeterRegistry;
import java.security.cert.X509Certificate;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.liaison.gateway.GatewayRuntime;
import org.liaison.gateway.directory.DirectoryFollower;
import org.liaison.gateway.directory.DirectoryFreshness;
import org.liaison.gateway.directory.DirectoryHealthIndicator;
import org.liaison.gateway.directory.DirectoryPeers;
import org.liaison.gateway.directory.DirectoryProperties;
import org.liaison.gateway.directory.FederationDirectory;
import org.liaison.gateway.inbound.CaseReferenceMac;
import org.liaison.gateway.inbound.ExpirySweeper;
import org.liaison.gateway.inbound.InboxEventsProperties;
import org.liaison.gateway.inbound.InboxFeed;
import org.liaison.gateway.inbound.InboxService;
import org.liaison.gateway.inbound.NoticeViewer;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.gateway.ops.GatewayMetrics;
import org.liaison.gateway.ops.OperationsProperties;
import org.liaison.gateway.outbound.NoticePublisher;
import org.liaison.gateway.outbound.PublishService;
import org.liaison.gateway.outbound.ReplyThreads;
import org.liaison.gateway.receipts.KafkaReceiptOutbox;
import org.liaison.gateway.store.DurableCommits;
import org.liaison.gateway.store.IdempotencyKeys;
import org.liaison.gateway.store.InboxSignals;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.QuarantineStore;
import org.liaison.gateway.store.SentStore;
import org.liaison.gateway.store.ThreadStore;
import org.liaison.gateway.transport.KafkaClients;
import org.liaison.gateway.transport.UnitProducers;
import org.liaison.gateway.units.Federation;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.gateway.units.KnownPeers;
import org.liaison.gateway.units.PeerDirectory;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.NoticeSealer;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.seal.ReceiptSigner;
import org.liaison.pki.seal.ReplayStore;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.codec.AvroCodec;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the features of a gateway, development mode or not. What differs between the two (where the
 * federation and Kafka come from, who the caller is) comes from {@code DevelopmentConfiguration} or
 * {@code ProductionConfiguration} as a {@link Federation} and a {@link KafkaClients}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({
  LiaisonProperties.class,
  DirectoryProperties.class,
  InboxEventsProperties.class
})
@EnableScheduling
public class GatewayConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  ProviderChoice providers() {
    return ProviderChoice.select();
  }

  @Bean
  HostedUnits hostedUnits(Federation federation) {
    return new HostedUnits(federation.units());
  }

  @Bean
  FederationDirectory federationDirectory(
      Federation federation,
      DirectoryProperties directory,
      LiaisonProperties props,
      Clock clock,
      MeterRegistry registry) {
    return new FederationDirectory(federation.trust(), directory, props.dataDir(), clock, registry);
  }

  /** The static trust files and the directory's CRLs, as current at each call. */
  @Bean
  Supplier<CertificateValidator> validator(FederationDirectory directory) {
    return directory::validator;
  }

  @Bean
  PeerDirectory peers(
      LiaisonProperties props,
      Supplier<CertificateValidator> validator,
      FederationDirectory directory,
      DirectoryProperties directoryProps,
      HostedUnits hosted) {
    List<X509Certificate> peers = new ArrayList<>();
    props.peers().forEach(file -> peers.addAll(Pem.readCertificates(file)));
    return new DirectoryPeers(
        Set.copyOf(hosted.ids()),
        new KnownPeers(hosted, peers, validator),
        directory,
        directoryProps.maxAge());
  }

  @Bean
  DirectoryFreshness directoryFreshness(
      FederationDirectory directory, DirectoryProperties directoryProps, HostedUnits hosted) {
    return new DirectoryFreshness(Set.copyOf(hosted.ids()), directory, directoryProps.maxAge());
  }

  @Bean
  DirectoryHealthIndicator directoryHealthIndicator(
      FederationDirectory directory,
      DirectoryFreshness freshness,
      DirectoryProperties directoryProps,
      OperationsProperties operations,
      Clock clock) {
    return new DirectoryHealthIndicator(
        directory, freshness, directoryProps.maxAge(), operations.certificateWarning(), clock);
  }

  @Bean
  @ConditionalOnProperty(name = "liaison.directory.enabled", matchIfMissing = true)
  DirectoryFollower directoryFollower(
      FederationDirectory directory,
      KafkaClients kafka,
      HostedUnits hosted,
      LiaisonProperties props) {
    UnitId reader = hosted.ids().get(0);
    return new DirectoryFollower(
        directory,
        () -> kafka.reader("liaison-directory-" + reader.value(), reader),
        props.kafka().provisionTopics()
            ? () -> kafka.admin("liaison-directory-provisioner", reader)
            : null,
        props.kafka().replicationFactor());
  }

  @Bean
  OpeningPolicy openingPolicy(LiaisonProperties props) {
    OpeningPolicy defaults = OpeningPolicy.defaults();
    return new OpeningPolicy(
        defaults.maxSealedBytes(),
        props.opening().maxAge(),
        props.opening().maxClockSkew(),
        defaults.decodeLimits());
  }

  @Bean(destroyMethod = "close")
  UnitProducers producers(KafkaClients kafka, HostedUnits hosted) {
    return UnitProducers.create(kafka, hosted.ids());
  }

  /** Runs before any store is used, so no acknowledged commit can sit in a write delay. */
  @Bean
  DurableCommitsApplied durableCommits(JdbcClient jdbc, DataSource dataSource) throws SQLException {
    String product;
    try (Connection c = dataSource.getConnection()) {
      product = c.getMetaData().getDatabaseProductName();
    }
    DurableCommits.ensure(jdbc, product);
    return new DurableCommitsApplied();
  }

  /** Marks that {@link DurableCommits} ran; the stores depend on it. */
  record DurableCommitsApplied() {}

  @Bean
  InboxStore inboxStore(
      JdbcClient jdbc, Clock clock, InboxSignals signals, DurableCommitsApplied durable) {
    return new InboxStore(jdbc, clock, signals);
  }

  @Bean
  InboxSignals inboxSignals() {
    return new InboxSignals();
  }

  @Bean
  InboxFeed inboxFeed(
      InboxStore inbox, InboxSignals signals, Clock clock, InboxEventsProperties props) {
    return new InboxFeed(
        inbox,
        signals,
        clock,
        props.maxStreams(),
        props.overlap(),
        props.poll(),
        props.keepAlive());
  }

  @Bean
  SentStore sentStore(
      JdbcClient jdbc, TransactionTemplate transactions, DurableCommitsApplied durable) {
    return new SentStore(jdbc, transactions);
  }

  @Bean
  ThreadStore threadStore(JdbcClient jdbc) {
    return new ThreadStore(jdbc);
  }

  @Bean
  QuarantineStore quarantineStore(JdbcClient jdbc) {
    return new QuarantineStore(jdbc);
  }

  @Bean
  IdempotencyKeys idempotencyKeys(JdbcClient jdbc) {
    return new IdempotencyKeys(jdbc);
  }

  @Bean
  CaseReferenceMac caseReferenceMac(LiaisonProperties props) {
    return new CaseReferenceMac(CaseReferenceKey.loadOrCreate(props.caseReferenceKeyFile()));
  }

  @Bean
  NoticeJsonCodec noticeJsonCodec() {
    return new NoticeJsonCodec(AvroCodec.caseNotices());
  }

  @Bean
  KafkaReceiptOutbox receiptOutbox(
      ProviderChoice providers, UnitProducers producers, Clock clock, LiaisonProperties props) {
    return new KafkaReceiptOutbox(
        new ReceiptSigner(providers, clock), producers, clock, props.kafka().ackTimeout());
  }

  @Bean
  PublishService publishService(
      NoticeJsonCodec json,
      ProviderChoice providers,
      UnitProducers producers,
      SentStore sent,
      InboxStore inbox,
      NoticeViewer viewer,
      PeerDirectory peers,
      IdempotencyKeys keys,
      Clock clock,
      LiaisonProperties props,
      GatewayMetrics metrics) {
    var publisher =
        new NoticePublisher(
            new NoticeSealer(providers, clock),
            producers,
            sent,
            clock,
            props.kafka().ackTimeout(),
            metrics);
    return new PublishService(
        json, publisher, peers, keys, sent, new ReplyThreads(inbox, sent, viewer::open), clock);
  }

  @Bean
  InboxService inboxService(
      InboxStore inbox,
      NoticeViewer viewer,
      KafkaReceiptOutbox receipts,
      CaseReferenceMac caseReferences) {
    return new InboxService(inbox, viewer, receipts, caseReferences);
  }

  @Bean
  NoticeViewer noticeViewer(
      ProviderChoice providers,
      OpeningPolicy opening,
      Supplier<CertificateValidator> validator,
      Clock clock) {
    // Reopening checks no replay and no rules: the store and the rules judged the arrival.
    var opener =
        new NoticeOpener(
            providers,
            opening,
            (id, delivery, signed) -> ReplayStore.Claim.REDELIVERY,
            notice -> List.of());
    return new NoticeViewer(opener, validator, clock);
  }

  @Bean
  ExpirySweeper expirySweeper(InboxStore inbox, TransactionTemplate transactions, Clock clock) {
    return new ExpirySweeper(inbox, transactions, clock);
  }

  @Bean
  GatewayRuntime gatewayRuntime(
      HostedUnits hosted,
      KafkaClients kafka,
      LiaisonProperties props,
      ProviderChoice providers,
      OpeningPolicy opening,
      Supplier<CertificateValidator> validator,
      JdbcClient jdbc,
      TransactionTemplate transactions,
      InboxStore inbox,
      QuarantineStore quarantine,
      SentStore sent,
      KafkaReceiptOutbox receipts,
      CaseReferenceMac caseReferences,
      Clock clock,
      GatewayMetrics metrics,
      DirectoryFreshness freshness) {
    return new GatewayRuntime(
        new GatewayRuntime.Parts(
            hosted,
            kafka,
            props.kafka().provisionTopics(),
            props.kafka().partitions(),
            props.kafka().replicationFactor(),
            props.kafka().maxMessageBytes(),
            providers,
            opening,
            validator,
            jdbc,
            transactions,
            inbox,
            quarantine,
            sent,
            receipts,
            caseReferences,
            clock,
            metrics,
            freshness));
  }
}
