package org.liaison.gateway.inbound;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.store.InboxSignals;
import org.liaison.gateway.store.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live streams of what arrives in a unit's inbox, for {@code GET /api/v1/inbox/events}: each stream
 * is told of every notice stored after it opened, in order of arrival, each with an event id that
 * resumes the stream after it ({@code Last-Event-ID}).
 *
 * <p>A stream reads from the database, not from the consumer that stored the notice, so it sees
 * what any instance of the unit's gateway stored; a signal from this JVM's store makes it look at
 * once, and it looks every {@code poll} anyway. Arrival times are taken before a notice's insert
 * commits, so a notice may become visible after one received a moment later: each look goes back
 * {@code overlap} before the newest arrival seen and sends what it has not sent yet. Within one
 * stream each notice is sent once. A resumed stream sends again what arrived within {@code overlap}
 * before its event id (at least once, never a gap): a follower dedupes by notice id.
 *
 * <p>Concurrency: one look at a time per stream (its methods are synchronized); the looks of all
 * streams share a small pool of threads. At most {@code maxStreams} are open at once.
 */
public final class InboxFeed implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboxFeed.class);
  private static final int PAGE = 200;

  /** Where a stream writes; any failure closes the stream (the client has gone). */
  public interface Sink {
    void event(String id, InboxEntry entry) throws IOException;

    void keepAlive() throws IOException;
  }

  /** A stream's event id: the notice's arrival time and id, as {@code <instant>_<uuid>}. */
  public record EventId(Instant receivedAt, UUID noticeId) {

    public static EventId of(InboxEntry e) {
      return new EventId(e.receivedAt(), e.noticeId());
    }

    /** Parses an event id this feed gave, or fails with a message fit for the caller. */
    public static EventId parse(String text) {
      int cut = text.lastIndexOf('_');
      if (cut < 0 || text.length() > 100) {
        throw new IllegalArgumentException(
            "Last-Event-ID must be an id this stream sent, such as"
                + " 2026-12-05T10:15:30.123456Z_3f2b6c1e-8d5a-4c1b-9f0e-2a7d4b6c8e10");
      }
      try {
        return new EventId(
            Instant.parse(text.substring(0, cut)), UUID.fromString(text.substring(cut + 1)));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        return parse("");
      }
    }

    public String text() {
      return receivedAt + "_" + noticeId;
    }
  }

  private final InboxStore store;
  private final InboxSignals signals;
  private final Clock clock;
  private final Duration overlap;
  private final Duration poll;
  private final Duration keepAlive;
  private final Semaphore slots;
  private final ScheduledExecutorService looks;

  public InboxFeed(
      InboxStore store,
      InboxSignals signals,
      Clock clock,
      int maxStreams,
      Duration overlap,
      Duration poll,
      Duration keepAlive) {
    this.store = store;
    this.signals = signals;
    this.clock = clock;
    this.overlap = overlap;
    this.poll = poll;
    this.keepAlive = keepAlive;
    this.slots = new Semaphore(maxStreams);
    this.looks =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "liaison-inbox-feed");
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Opens a stream of {@code unit}'s inbox into {@code sink}: from now, or after {@code
   * resumeAfter} when given. Empty when {@code maxStreams} are already open.
   */
  public Optional<Stream> open(String unit, EventId resumeAfter, Sink sink) {
    if (!slots.tryAcquire()) {
      return Optional.empty();
    }
    var stream = new Stream(unit, sink);
    try {
      stream.start(resumeAfter);
    } catch (RuntimeException e) {
      stream.close();
      throw e;
    }
    return Optional.of(stream);
  }

  /** How many more streams may open now. */
  public int freeSlots() {
    return slots.availablePermits();
  }

  @Override
  public void close() {
    looks.shutdownNow();
  }

  /** One open stream; closing it (or a failed write) stops it and frees its slot. */
  public final class Stream implements AutoCloseable {

    private final String unit;
    private final Sink sink;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean lookPending = new AtomicBoolean();
    private final Map<UUID, Instant> sentRecently = new HashMap<>();
    private Instant newest;
    private InboxSignals.Registration registration;
    private ScheduledFuture<?> polling;
    private ScheduledFuture<?> beating;

    private Stream(String unit, Sink sink) {
      this.unit = unit;
      this.sink = sink;
    }

    private synchronized void start(EventId resumeAfter) {
      if (resumeAfter == null) {
        // From now: what is already visible is not news; a notice committed late with an earlier
        // arrival time is (the first look reaches back overlap).
        newest = clock.instant();
        rememberVisibleSince(newest.minus(overlap));
      } else {
        // An id from the future (a clock moved back, a made-up id) resumes from now.
        Instant now = clock.instant();
        newest = resumeAfter.receivedAt().isAfter(now) ? now : resumeAfter.receivedAt();
        sentRecently.put(resumeAfter.noticeId(), resumeAfter.receivedAt());
      }
      registration = signals.listen(unit, this::soon);
      long pollMillis = poll.toMillis();
      polling = looks.scheduleWithFixedDelay(this::look, 0, pollMillis, TimeUnit.MILLISECONDS);
      long beat = keepAlive.toMillis();
      beating = looks.scheduleWithFixedDelay(this::beat, beat, beat, TimeUnit.MILLISECONDS);
    }

    /** Looks soon, once however many signals arrive before it runs. */
    private void soon() {
      if (!closed.get() && lookPending.compareAndSet(false, true)) {
        looks.execute(
            () -> {
              lookPending.set(false);
              look();
            });
      }
    }

    private synchronized void look() {
      if (closed.get()) {
        return;
      }
      try {
        Instant from = newest.minus(overlap);
        InboxStore.Position after = null;
        List<InboxEntry> page;
        do {
          page = store.receivedSince(unit, from, after, PAGE);
          for (InboxEntry e : page) {
            if (!sentRecently.containsKey(e.noticeId())) {
              sink.event(EventId.of(e).text(), e);
              remember(e);
            }
            after = new InboxStore.Position(e.receivedAt(), e.noticeId());
          }
          Instant horizon = newest.minus(overlap);
          sentRecently.values().removeIf(at -> at.isBefore(horizon));
        } while (page.size() == PAGE && !closed.get());
      } catch (IOException e) {
        close();
      } catch (RuntimeException e) {
        log.warn("Following the inbox of {} failed; the stream is closed: {}", unit, e.toString());
        close();
      }
    }

    private synchronized void beat() {
      if (closed.get()) {
        return;
      }
      try {
        sink.keepAlive();
      } catch (IOException | RuntimeException e) {
        close();
      }
    }

    private void remember(InboxEntry e) {
      sentRecently.put(e.noticeId(), e.receivedAt());
      if (e.receivedAt().isAfter(newest)) {
        newest = e.receivedAt();
      }
    }

    /** What is visible from {@code from} on, without sending it: a stream opened from now. */
    private void rememberVisibleSince(Instant from) {
      InboxStore.Position after = null;
      List<InboxEntry> page;
      do {
        page = store.receivedSince(unit, from, after, PAGE);
        for (InboxEntry e : page) {
          remember(e);
          after = new InboxStore.Position(e.receivedAt(), e.noticeId());
        }
      } while (page.size() == PAGE);
    }

    @Override
    public void close() {
      if (!closed.compareAndSet(false, true)) {
        return;
      }
      if (registration != null) {
        registration.close();
      }
      if (polling != null) {
        polling.cancel(false);
      }
      if (beating != null) {
        beating.cancel(false);
      }
      slots.release();
    }
  }
}
