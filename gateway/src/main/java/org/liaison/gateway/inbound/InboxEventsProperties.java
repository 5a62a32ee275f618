package org.liaison.gateway.inbound;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The live inbox streams ({@code GET /api/v1/inbox/events}), under {@code liaison.inbox-events}.
 *
 * @param maxStreams how many may be open at once on this gateway (200); one more is refused with
 *     503 {@code EVENT_STREAMS_EXHAUSTED}
 * @param poll how often a stream looks for notices stored by another instance of the gateway (2 s;
 *     what this instance stores is sent at once)
 * @param overlap how far before the newest arrival a stream looks again, for notices whose insert
 *     committed after a later one's (5 s); also what a resumed stream may send twice
 * @param keepAlive how often an idle stream sends a comment, so that proxies keep it open (15 s)
 * @param timeout how long one stream lasts before the server ends it and the client resumes with
 *     {@code Last-Event-ID} (30 min)
 */
@ConfigurationProperties("liaison.inbox-events")
public record InboxEventsProperties(
    int maxStreams, Duration poll, Duration overlap, Duration keepAlive, Duration timeout) {

  public InboxEventsProperties {
    maxStreams = maxStreams <= 0 ? 200 : maxStreams;
    poll = positive(poll, Duration.ofSeconds(2));
    overlap = positive(overlap, Duration.ofSeconds(5));
    keepAlive = positive(keepAlive, Duration.ofSeconds(15));
    timeout = positive(timeout, Duration.ofMinutes(30));
  }

  private static Duration positive(Duration value, Duration otherwise) {
    return value == null || value.isZero() || value.isNegative() ? otherwise : value;
  }
}
