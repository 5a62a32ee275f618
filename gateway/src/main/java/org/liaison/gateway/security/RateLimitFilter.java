package org.liaison.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Each authenticated account gets a token bucket (in memory, per gateway node): {@code burst}
 * requests at once, refilled at {@code perMinute}. A request finding the bucket empty is answered
 * 429 RATE_LIMITED with Retry-After, the seconds until a token is back.
 */
final class RateLimitFilter extends OncePerRequestFilter {

  /** How many accounts' buckets are kept before the idle ones are forgotten. */
  static final int MAX_TRACKED = 10_000;

  private final Clock clock;
  private final double perNano;
  private final int burst;
  private final ConcurrentMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  int tracked() {
    return buckets.size();
  }

  RateLimitFilter(Clock clock, int perMinute, int burst) {
    this.clock = clock;
    this.perNano = perMinute / 60e9;
    this.burst = burst;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    if (who instanceof AccountAuthentication account) {
      if (buckets.size() > MAX_TRACKED) {
        // A full bucket is the same as none: forgetting idle accounts keeps the map bounded.
        buckets.values().removeIf(Bucket::full);
      }
      long wait = buckets.computeIfAbsent(account.getName(), n -> new Bucket()).take();
      if (wait > 0) {
        response.setHeader(
            "Retry-After", Long.toString(Math.max(1, (wait + 999_999_999) / 1_000_000_000)));
        ProblemResponses.write(
            request,
            response,
            HttpStatus.TOO_MANY_REQUESTS,
            "RATE_LIMITED",
            "Too many requests from this account; retry after the time in Retry-After");
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private long nanos() {
    java.time.Instant now = clock.instant();
    return now.getEpochSecond() * 1_000_000_000L + now.getNano();
  }

  private final class Bucket {
    private double tokens = burst;
    private long last = nanos();

    /** Takes a token: 0, or how many nanoseconds until one is there. */
    synchronized long take() {
      long now = nanos();
      tokens = Math.min(burst, tokens + (now - last) * perNano);
      last = now;
      if (tokens >= 1) {
        tokens -= 1;
        return 0;
      }
      return (long) Math.ceil((1 - tokens) / perNano);
    }

    synchronized boolean full() {
      return tokens + (nanos() - last) * perNano >= burst;
    }
  }
}
