package org.liaison.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Bearer tokens whose signature and claims were checked, so that a client sending the same token
 * with every request costs one ECDSA or RSA verification per token instead of one per request (the
 * JDK's ECDSA verification alone costs more than sealing and opening a notice).
 *
 * <p>What keeps it safe: the key is the whole token, so a token that differs in any byte (another
 * signature, another claim) is not found and goes through every check; an entry is used only before
 * the token's {@code exp} (without the clock skew the full check allows) and before {@code maxAge}
 * after it was checked, so an identity provider's key withdrawn from its JWK set stops being
 * honoured no later than the JWK set itself is read again; a token with a {@code nbf} still in the
 * future (accepted within the skew) is not remembered; refusals are never remembered. At most
 * {@code maxEntries} tokens are kept (and the few that requests are adding at that very moment):
 * past that, expired entries go first, then arbitrary ones, down to seven eighths of the bound.
 */
final class VerifiedTokens {

  private record Entry(Jwt jwt, Instant until) {}

  private final int maxEntries;
  private final Duration maxAge;
  private final ConcurrentMap<String, Entry> entries = new ConcurrentHashMap<>();

  VerifiedTokens(int maxEntries, Duration maxAge) {
    if (maxEntries < 0 || maxAge.isNegative()) {
      throw new IllegalArgumentException("a token cache needs a size and an age of 0 or more");
    }
    this.maxEntries = maxEntries;
    this.maxAge = maxAge;
  }

  /** The checked token {@code token}, if it was checked and may still be used at {@code now}. */
  Jwt find(String token, Instant now) {
    Entry entry = entries.get(token);
    if (entry == null) {
      return null;
    }
    if (!now.isBefore(entry.until())) {
      entries.remove(token, entry);
      return null;
    }
    return entry.jwt();
  }

  /** Remembers {@code jwt}, the result of checking every byte of {@code token} at {@code now}. */
  void remember(String token, Jwt jwt, Instant now) {
    if (maxEntries == 0 || jwt.getExpiresAt() == null) {
      return;
    }
    if (jwt.getNotBefore() != null && now.isBefore(jwt.getNotBefore())) {
      return;
    }
    Instant until = jwt.getExpiresAt();
    Instant cap = now.plus(maxAge);
    if (cap.isBefore(until)) {
      until = cap;
    }
    if (!now.isBefore(until)) {
      return;
    }
    if (entries.size() >= maxEntries) {
      makeRoom(now);
    }
    entries.put(token, new Entry(jwt, until));
  }

  int size() {
    return entries.size();
  }

  private void makeRoom(Instant now) {
    entries.values().removeIf(e -> !now.isBefore(e.until()));
    Iterator<String> any = entries.keySet().iterator();
    // Down to seven eighths, so that a full cache is not swept at every new token.
    while (entries.size() >= maxEntries - maxEntries / 8 && any.hasNext()) {
      any.next();
      any.remove();
    }
  }
}
