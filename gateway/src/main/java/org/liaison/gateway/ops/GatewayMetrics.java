package org.liaison.gateway.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.liaison.schemas.UnitId;

/**
 * The gateway's counters and timers, named {@code liaison.*} and tagged with the hosted unit they
 * concern. Tags are unit ids, reason codes and receipt states: small closed sets, so that the
 * number of series stays bounded.
 */
public final class GatewayMetrics {

  static final String SENT = "liaison.notices.sent";
  static final String RECEIVED = "liaison.notices.received";
  static final String REJECTED = "liaison.notices.rejected";
  static final String DUPLICATES = "liaison.notices.duplicates";
  static final String RECEIPTS_RECEIVED = "liaison.receipts.received";
  static final String RECEIPTS_REJECTED = "liaison.receipts.rejected";
  static final String SEAL = "liaison.notices.seal";
  static final String OPEN = "liaison.notices.open";
  static final String DELIVERY = "liaison.notices.delivery";

  private final MeterRegistry registry;

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Metrics kept in a registry of their own, for code run outside an application context. */
  public static GatewayMetrics unregistered() {
    return new GatewayMetrics(new SimpleMeterRegistry());
  }

  /** One copy of a notice from {@code unit} that Kafka acknowledged. */
  public void copySent(UnitId unit) {
    counter(SENT, "Notice copies Kafka acknowledged", unit).increment();
  }

  /** A notice opened and stored in {@code unit}'s inbox. */
  public void noticeReceived(UnitId unit) {
    counter(RECEIVED, "Notices opened and stored", unit).increment();
  }

  /** A second record for {@code unit} with the very bytes of a stored notice: no new effect. */
  public void duplicateCopy(UnitId unit) {
    counter(DUPLICATES, "Records repeating a stored notice byte for byte", unit).increment();
  }

  /** A record for {@code unit} quarantined with {@code reason} (a RejectReason code). */
  public void noticeRejected(UnitId unit, String reason) {
    counter(REJECTED, "Notice records quarantined, by reason code", unit, "reason", reason)
        .increment();
  }

  /** A verified receipt with {@code status} for a notice {@code unit} sent. */
  public void receiptReceived(UnitId unit, String status) {
    counter(RECEIPTS_RECEIVED, "Verified receipts, by state", unit, "status", status).increment();
  }

  /** A receipt record for {@code unit} quarantined with {@code reason}. */
  public void receiptRejected(UnitId unit, String reason) {
    counter(
            RECEIPTS_REJECTED,
            "Receipt records quarantined, by reason code",
            unit,
            "reason",
            reason)
        .increment();
  }

  /** Signing and encrypting one notice of {@code unit}'s took {@code nanos}. */
  public void sealed(UnitId unit, long nanos) {
    timer(SEAL, "Signing and encrypting a notice", unit).record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Opening and checking one record for {@code unit}, whatever the result, took {@code nanos}. */
  public void opened(UnitId unit, long nanos) {
    timer(OPEN, "Opening and checking a notice record", unit).record(nanos, TimeUnit.NANOSECONDS);
  }

  /**
   * A notice for {@code unit} committed to its inbox {@code nanos} after its creation time (set by
   * the sending gateway when it accepted the request; across gateways this includes their clocks'
   * difference). Published as a histogram, so that a scrape before and after a load gives the
   * percentiles of exactly the notices in between (the load harness in {@code bench/} does that).
   */
  public void delivered(UnitId unit, long nanos) {
    Timer.builder(DELIVERY)
        .description("From a notice's creation time to its commit in the recipient's inbox")
        .tag("unit", unit.value())
        .publishPercentileHistogram()
        .minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofMinutes(1))
        .register(registry)
        .record(Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /** A counter tagged with the unit and, when given, further tag names and values in pairs. */
  private Counter counter(String name, String description, UnitId unit, String... tags) {
    return Counter.builder(name)
        .description(description)
        .tag("unit", unit.value())
        .tags(tags)
        .register(registry);
  }

  private Timer timer(String name, String description, UnitId unit) {
    return Timer.builder(name)
        .description(description)
        .tag("unit", unit.value())
        .register(registry);
  }
}
