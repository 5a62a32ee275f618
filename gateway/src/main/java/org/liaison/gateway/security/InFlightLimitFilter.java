package org.liaison.gateway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds the request bodies being worked on at once, so that an overload is answered {@code 503
 * OVERLOADED} with {@code Retry-After} instead of growing the heap until it fails: a publish holds
 * several copies of its body (the JSON, the Avro encoding, the signed and the sealed notice) until
 * Kafka answers, and Tomcat's 200 threads with 4 MiB bodies each would need gigabytes. Each request
 * with a body weighs its declared length (the largest body allowed when it declares none, as a
 * chunked one), at least {@link #MIN_WEIGHT}, so that small requests are bounded in number too; a
 * request that finds no room within {@code wait} is refused before its body is read.
 */
final class InFlightLimitFilter extends OncePerRequestFilter {

  /** The least a request with a body weighs: 64 KiB. */
  static final long MIN_WEIGHT = 64 * 1024;

  private static final long UNIT = 1024;

  private final Semaphore room;
  private final long budgetKib;
  private final long maxBodyBytes;
  private final long waitMillis;

  InFlightLimitFilter(long budgetBytes, long maxBodyBytes, long waitMillis) {
    this.budgetKib = Math.max(1, budgetBytes / UNIT);
    this.room = new Semaphore((int) Math.min(Integer.MAX_VALUE, budgetKib), true);
    this.maxBodyBytes = maxBodyBytes;
    this.waitMillis = waitMillis;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String method = request.getMethod();
    return !("POST".equals(method) || "PUT".equals(method) || "PATCH".equals(method));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    long bytes = declared < 0 ? maxBodyBytes : Math.min(declared, maxBodyBytes);
    int weight = (int) Math.min(budgetKib, Math.max(MIN_WEIGHT, bytes) / UNIT);
    boolean admitted;
    try {
      admitted = room.tryAcquire(weight, waitMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      admitted = false;
    }
    if (!admitted) {
      response.setHeader("Retry-After", "1");
      ProblemResponses.write(
          request,
          response,
          HttpStatus.SERVICE_UNAVAILABLE,
          "OVERLOADED",
          "The gateway is working on as much as it may hold; retry after the time in Retry-After");
      return;
    }
    try {
      chain.doFilter(request, response);
    } finally {
      room.release(weight);
    }
  }

  /** Kibibytes free now, for tests. */
  int availableKib() {
    return room.availablePermits();
  }
}
