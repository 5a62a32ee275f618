package org.liaison.gateway.store;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes whoever follows a unit's inbox in this JVM when a notice has been stored in it. A signal is
 * only a hint to look now rather than at the next poll: followers read what is new from the
 * database, which also holds what another instance of the gateway stored.
 */
public final class InboxSignals {

  private static final Logger log = LoggerFactory.getLogger(InboxSignals.class);

  private final Map<String, Set<Runnable>> listeners = new ConcurrentHashMap<>();

  /** Calls {@code listener} after each notice stored for {@code unit}, until closed. */
  public Registration listen(String unit, Runnable listener) {
    listeners.computeIfAbsent(unit, u -> ConcurrentHashMap.newKeySet()).add(listener);
    return () -> {
      Set<Runnable> set = listeners.get(unit);
      if (set != null) {
        set.remove(listener);
      }
    };
  }

  void stored(String unit) {
    Set<Runnable> set = listeners.get(unit);
    if (set == null) {
      return;
    }
    for (Runnable listener : set) {
      try {
        listener.run();
      } catch (RuntimeException e) {
        // A follower's failure must never fail the storing of a notice.
        log.warn("An inbox follower of {} failed: {}", unit, e.toString());
      }
    }
  }

  /** A listener's registration: closing it stops the signals. */
  @FunctionalInterface
  public interface Registration extends AutoCloseable {
    @Override
    void close();
  }
}
