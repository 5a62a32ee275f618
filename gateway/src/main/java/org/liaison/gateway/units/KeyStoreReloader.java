package org.liaison.gateway.units;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.liaison.gateway.units.UnitKeysCheck.Reason;
import org.liaison.gateway.units.UnitKeysCheck.Refused;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reloads a hosted unit's keys when its key store file changes, without a restart: every interval
 * it reads each store, and when the file's SHA-256 differs from the last one seen it loads the keys
 * from exactly those bytes, checks them ({@link UnitKeysCheck}) and only then swaps the unit's
 * {@link HostedUnit} whole. A store that fails is not applied at all: the unit keeps its running
 * keys, the refusal is logged with its reason (aliases and serial numbers, never a key or
 * password), counted in {@code liaison.units.keys.reloads{unit,outcome=refused,reason}} and shown
 * by health {@code unitKeys}; it is tried again when the file changes again.
 */
public final class KeyStoreReloader implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KeyStoreReloader.class);

  /** A unit's store holds a few keys and chains; far below this (as at start). */
  private static final int MAX_KEY_STORE_BYTES = 4 * 1024 * 1024;

  /** A watched store and where its password comes from (read again at each reload). */
  public record Watched(UnitKeyStore store, Supplier<char[]> password, byte[] loadedDigest) {
    public Watched {
      Objects.requireNonNull(store, "store");
      Objects.requireNonNull(password, "password");
      loadedDigest = loadedDigest.clone();
    }
  }

  /** What became of a unit's store at its last change, for health. */
  public record State(
      String outcome,
      Instant at,
      Reason reason,
      String detail,
      String signingSerial,
      String encryptionSerial,
      List<String> olderEncryptionSerials) {}

  private final HostedUnits hosted;
  private final List<Watched> watched;
  private final Supplier<CertificateValidator> validator;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<UnitId, byte[]> seen = new ConcurrentHashMap<>();
  private final Map<UnitId, State> states = new ConcurrentHashMap<>();
  private ScheduledExecutorService scheduler;

  public KeyStoreReloader(
      HostedUnits hosted,
      List<Watched> watched,
      Supplier<CertificateValidator> validator,
      Clock clock,
      MeterRegistry registry) {
    this.hosted = hosted;
    this.watched = List.copyOf(watched);
    this.validator = validator;
    this.clock = clock;
    this.registry = registry;
    for (Watched w : this.watched) {
      HostedUnit unit =
          hosted
              .find(w.store().id())
              .orElseThrow(
                  () -> new IllegalArgumentException(w.store().id() + " is not hosted here"));
      seen.put(unit.id(), w.loadedDigest());
      states.put(unit.id(), state("LOADED_AT_START", clock.instant(), null, null, unit));
      for (String outcome : List.of("reloaded", "refused")) {
        // Registered at 0 so that a dashboard shows the series before the first rotation.
        counter(unit.id(), outcome, "NONE");
      }
    }
  }

  /** Polls every {@code interval} on a thread of its own; zero or negative polls never. */
  public synchronized void start(Duration interval) {
    if (interval.isZero() || interval.isNegative()) {
      log.info("Key stores are read at start only (liaison.keystore-reload={})", interval);
      return;
    }
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "liaison-keystore-reload");
              t.setDaemon(true);
              return t;
            });
    long millis = interval.toMillis();
    scheduler.scheduleWithFixedDelay(this::pollQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  private void pollQuietly() {
    try {
      poll();
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again: log and go on polling.
      log.error("Key store reload failed unexpectedly: {}", e.toString());
    }
  }

  /** Checks every store once; reloads those that changed. Returns how many were reloaded. */
  public synchronized int poll() {
    int reloaded = 0;
    for (Watched w : watched) {
      if (poll(w)) {
        reloaded++;
      }
    }
    return reloaded;
  }

  private boolean poll(Watched w) {
    UnitId id = w.store().id();
    byte[] bytes;
    try {
      bytes = BoundedRead.file(w.store().file(), MAX_KEY_STORE_BYTES, "the key store");
    } catch (PkiException e) {
      // A store removed, unreadable or far too large: keep the keys, say so once.
      byte[] marker = new byte[0];
      if (!Arrays.equals(seen.get(id), marker)) {
        seen.put(id, marker);
        refused(id, Reason.UNREADABLE, e.getMessage());
      }
      return false;
    }
    byte[] digest = sha256(bytes);
    if (Arrays.equals(seen.get(id), digest)) {
      return false;
    }
    seen.put(id, digest);
    HostedUnit next;
    try {
      char[] password = w.password().get();
      try {
        next = w.store().load(bytes, password);
      } finally {
        Arrays.fill(password, '\0');
      }
      UnitKeysCheck.check(next, validator.get(), clock.instant());
    } catch (PkiException e) {
      refused(
          id,
          e.code() == PkiException.Code.KEY_NOT_FOUND ? Reason.KEY_NOT_FOUND : Reason.UNREADABLE,
          e.getMessage());
      return false;
    } catch (Refused e) {
      refused(id, e.reason(), e.getMessage());
      return false;
    }
    hosted.replace(next);
    states.put(id, state("RELOADED", clock.instant(), null, null, next));
    counter(id, "reloaded", "NONE").increment();
    log.info(
        "Keys of {} reloaded from {} without a restart: signing certificate {}, encryption"
            + " certificate {}, {} older encryption keys {}",
        id,
        w.store().file(),
        serial(next.signing()),
        serial(next.encryption()),
        next.olderEncryption().size(),
        next.olderEncryption().stream().map(PrivateKeyHandle::alias).toList());
    return true;
  }

  private void refused(UnitId id, Reason reason, String detail) {
    HostedUnit running = hosted.find(id).orElseThrow();
    states.put(id, state("REFUSED", clock.instant(), reason, detail, running));
    counter(id, "refused", reason.name()).increment();
    log.error(
        "Key store of {} changed but was NOT applied [{}]: {}. The unit keeps its running keys"
            + " (signing certificate {}, encryption certificate {}); fix the store, and it is"
            + " read again when it changes",
        id,
        reason,
        detail,
        serial(running.signing()),
        serial(running.encryption()));
  }

  private Counter counter(UnitId id, String outcome, String reason) {
    return Counter.builder("liaison.units.keys.reloads")
        .description("Key store changes of a hosted unit, applied (reloaded) or not (refused)")
        .tag("unit", id.value())
        .tag("outcome", outcome)
        .tag("reason", reason)
        .register(registry);
  }

  /** Each watched unit's last outcome, in configuration order. */
  public Map<UnitId, State> states() {
    Map<UnitId, State> out = new LinkedHashMap<>();
    for (Watched w : watched) {
      out.put(w.store().id(), states.get(w.store().id()));
    }
    return out;
  }

  private static State state(
      String outcome, Instant at, Reason reason, String detail, HostedUnit keys) {
    return new State(
        outcome,
        at,
        reason,
        detail,
        serial(keys.signing()),
        serial(keys.encryption()),
        keys.olderEncryption().stream().map(KeyStoreReloader::serial).toList());
  }

  private static String serial(PrivateKeyHandle key) {
    X509Certificate cert = key.certificate();
    return cert.getSerialNumber().toString(16);
  }

  /** The SHA-256 of a key store's bytes. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
      scheduler = null;
    }
  }
}
