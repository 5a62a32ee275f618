package org.liaison.gateway.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.InboxSignals;
import org.liaison.gateway.store.InboxStore;
import org.liaison.gateway.store.RecordCoordinates;
import org.liaison.gateway.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The live inbox streams against a real store, on each database the gateway supports. */
class InboxFeedIT {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final Duration OVERLAP = Duration.ofSeconds(5);

  /** Long enough that a test sees only what signals make happen, unless it waits for a poll. */
  private static final Duration SLOW_POLL = Duration.ofMinutes(5);

  private final Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
  private final AtomicInteger offsets = new AtomicInteger();
  private TestDatabase db;
  private InboxFeed feed;

  @AfterEach
  void close() throws Exception {
    if (feed != null) {
      feed.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private InboxStore store(TestDatabase.Kind kind, InboxSignals signals) {
    db = TestDatabase.create(kind);
    return new InboxStore(JdbcClient.create(db.dataSource()), clock, signals);
  }

  private InboxFeed feed(InboxStore store, InboxSignals signals, int max, Duration poll) {
    feed = new InboxFeed(store, signals, clock, max, OVERLAP, poll, Duration.ofMinutes(5));
    return feed;
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aStreamFromNowGetsEachNewNoticeOnceInOrderAndNotWhatWasThere(TestDatabase.Kind kind) {
    var signals = new InboxSignals();
    var store = store(kind, signals);
    InboxEntry before = entry("TH.CIB", T0.minusSeconds(1));
    store.add(before);
    var sink = new ListSink();
    feed(store, signals, 10, SLOW_POLL).open("TH.CIB", null, sink).orElseThrow();

    InboxEntry first = entry("TH.CIB", T0.plusMillis(10));
    InboxEntry elsewhere = entry("NL.ATT-BKK", T0.plusMillis(15));
    InboxEntry second = entry("TH.CIB", T0.plusMillis(20));
    store.add(first);
    store.add(elsewhere);
    store.add(second);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () -> assertThat(sink.ids()).containsExactly(first.noticeId(), second.noticeId()));
    assertThat(sink.eventIds.get(0))
        .isEqualTo(T0.plusMillis(10) + "_" + first.noticeId())
        .isEqualTo(InboxFeed.EventId.of(first).text());
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aNoticeCommittedAfterALaterOneIsStillSentOnce(TestDatabase.Kind kind) {
    var signals = new InboxSignals();
    var store = store(kind, signals);
    var sink = new ListSink();
    feed(store, signals, 10, SLOW_POLL).open("TH.CIB", null, sink).orElseThrow();
    InboxEntry later = entry("TH.CIB", T0.plusSeconds(3));
    store.add(later);
    await().atMost(Duration.ofSeconds(10)).until(() -> sink.ids().size() == 1);

    // Received (timed) before `later`, its insert committed after: the stream looks back.
    InboxEntry earlier = entry("TH.CIB", T0.plusSeconds(1));
    store.add(earlier);
    InboxEntry last = entry("TH.CIB", T0.plusSeconds(4));
    store.add(last);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(sink.ids())
                    .containsExactly(later.noticeId(), earlier.noticeId(), last.noticeId()));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aResumedStreamSendsEverythingAfterItsEventIdAndAtMostTheOverlapAgain(
      TestDatabase.Kind kind) {
    var signals = new InboxSignals();
    var store = store(kind, signals);
    InboxEntry old = entry("TH.CIB", T0.minusSeconds(60));
    InboxEntry seen = entry("TH.CIB", T0.minusSeconds(30));
    InboxEntry nearlySeen = entry("TH.CIB", T0.minusSeconds(32));
    InboxEntry missed1 = entry("TH.CIB", T0.minusSeconds(20));
    InboxEntry missed2 = entry("TH.CIB", T0.minusSeconds(10));
    for (InboxEntry e : List.of(old, nearlySeen, seen, missed1, missed2)) {
      store.add(e);
    }
    var sink = new ListSink();

    feed(store, signals, 10, SLOW_POLL)
        .open("TH.CIB", InboxFeed.EventId.of(seen), sink)
        .orElseThrow();

    // nearlySeen arrived within the overlap before the resumed id: sent again, never lost.
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertThat(sink.ids())
                    .containsExactly(
                        nearlySeen.noticeId(), missed1.noticeId(), missed2.noticeId()));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aStreamSeesWhatAnotherInstanceStoredAtItsNextPoll(TestDatabase.Kind kind) {
    var store = store(kind, new InboxSignals());
    // The other instance's store signals nobody in this JVM.
    var otherInstance =
        new InboxStore(JdbcClient.create(db.dataSource()), clock, new InboxSignals());
    var sink = new ListSink();
    feed(store, new InboxSignals(), 10, Duration.ofMillis(100))
        .open("TH.CIB", null, sink)
        .orElseThrow();

    InboxEntry e = entry("TH.CIB", T0.plusMillis(5));
    otherInstance.add(e);

    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> assertThat(sink.ids()).containsExactly(e.noticeId()));
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aBacklogLongerThanOnePageIsSentWhole(TestDatabase.Kind kind) {
    var signals = new InboxSignals();
    var store = store(kind, signals);
    InboxEntry from = entry("TH.CIB", T0.minusSeconds(3600));
    store.add(from);
    List<UUID> backlog = new ArrayList<>();
    for (int i = 1; i <= 450; i++) {
      InboxEntry e = entry("TH.CIB", T0.minusSeconds(3600).plusMillis(100L * i));
      store.add(e);
      backlog.add(e.noticeId());
    }
    var sink = new ListSink();

    feed(store, signals, 10, SLOW_POLL)
        .open("TH.CIB", InboxFeed.EventId.of(from), sink)
        .orElseThrow();

    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(() -> assertThat(sink.ids()).containsExactlyElementsOf(backlog));
  }

  @Test
  void theStreamsAreBoundedAndAFailedWriteFreesItsPlace() throws Exception {
    var signals = new InboxSignals();
    var store = store(TestDatabase.Kind.H2, signals);
    var feed = feed(store, signals, 2, SLOW_POLL);
    var broken = new ListSink();
    broken.failing.set(true);
    var one = feed.open("TH.CIB", null, broken).orElseThrow();
    feed.open("TH.CIB", null, new ListSink()).orElseThrow();

    assertThat(feed.open("TH.CIB", null, new ListSink())).isEmpty();

    store.add(entry("TH.CIB", T0.plusMillis(1)));
    await().atMost(Duration.ofSeconds(10)).until(() -> feed.freeSlots() == 1);
    assertThat(feed.open("TH.CIB", null, new ListSink())).isPresent();
    one.close(); // closing twice frees nothing twice
    assertThat(feed.freeSlots()).isZero();
  }

  @Test
  void anEventIdThatIsNotOneOfOursIsRefused() {
    UUID id = UUID.randomUUID();
    assertThat(InboxFeed.EventId.parse("2026-12-05T10:00:00.123456Z_" + id))
        .isEqualTo(new InboxFeed.EventId(Instant.parse("2026-12-05T10:00:00.123456Z"), id));
    for (String bad :
        List.of("", "42", "2026-12-05T10:00:00Z", "yesterday_" + id, "2026-12-05T10:00:00Z_x")) {
      assertThatThrownBy(() -> InboxFeed.EventId.parse(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Last-Event-ID");
    }
  }

  private InboxEntry entry(String unit, Instant receivedAt) {
    int offset = offsets.incrementAndGet();
    return new InboxEntry(
        unit,
        UUID.randomUUID(),
        "NL.NCB",
        "TRAFFICKING_ALERT",
        "URGENT",
        "RESTRICTED",
        "mac",
        null,
        null,
        receivedAt.minusSeconds(1),
        null,
        receivedAt,
        null,
        new byte[] {0x30, 0x01, (byte) offset},
        "ab".repeat(32),
        new RecordCoordinates("liaison.notices." + unit, 0, offset));
  }

  /** What a stream wrote; fails every write while {@code failing}. */
  private static final class ListSink implements InboxFeed.Sink {
    final List<String> eventIds = new CopyOnWriteArrayList<>();
    final List<UUID> noticeIds = new CopyOnWriteArrayList<>();
    final AtomicBoolean failing = new AtomicBoolean();

    @Override
    public void event(String id, InboxEntry entry) throws IOException {
      if (failing.get()) {
        throw new IOException("the client has gone");
      }
      eventIds.add(id);
      noticeIds.add(entry.noticeId());
    }

    @Override
    public void keepAlive() throws IOException {
      if (failing.get()) {
        throw new IOException("the client has gone");
      }
    }

    List<UUID> ids() {
      return List.copyOf(noticeIds);
    }
  }
}
