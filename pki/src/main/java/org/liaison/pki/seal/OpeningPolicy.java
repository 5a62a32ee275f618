package org.liaison.pki.seal;

import java.time.Duration;
import java.util.Objects;
import org.liaison.schemas.codec.DecodeLimits;

/**
 * The limits of opening.
 *
 * @param maxSealedBytes sealed input larger than this is refused before parsing
 * @param maxAge how old a signing time may be; also how long a replay store must remember ids
 * @param maxClockSkew how far in the future a signing time may be (clocks of two gateways)
 * @param decodeLimits the Avro decoding limits for the signed notice
 */
public record OpeningPolicy(
    long maxSealedBytes, Duration maxAge, Duration maxClockSkew, DecodeLimits decodeLimits) {

  /**
   * 32 MiB sealed, signed within the last 7 days (Kafka's default retention, so that a gateway that
   * was down for days still opens its backlog) and at most 5 minutes ahead.
   */
  public static OpeningPolicy defaults() {
    return new OpeningPolicy(
        32L * 1024 * 1024, Duration.ofDays(7), Duration.ofMinutes(5), DecodeLimits.defaults());
  }

  public OpeningPolicy {
    if (maxSealedBytes <= 0) {
      throw new IllegalArgumentException("maxSealedBytes must be positive");
    }
    Objects.requireNonNull(maxAge, "maxAge");
    Objects.requireNonNull(maxClockSkew, "maxClockSkew");
    Objects.requireNonNull(decodeLimits, "decodeLimits");
  }

  public OpeningPolicy withMaxSealedBytes(long value) {
    return new OpeningPolicy(value, maxAge, maxClockSkew, decodeLimits);
  }

  public OpeningPolicy withMaxAge(Duration value) {
    return new OpeningPolicy(maxSealedBytes, value, maxClockSkew, decodeLimits);
  }
}
