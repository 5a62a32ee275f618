package org.liaison.pki.validation;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509CRL;
import java.security.cert.X509CRLEntry;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Remembers VALID answers of one {@link CertificateValidator}, so that a signer that sends many
 * notices is not put through path building and the JDK's PKIX run (twice per notice: at the signing
 * time and, for revocation, now) every time.
 *
 * <p>Why it is sound. The trust context of a validator never changes (a newly published CRL makes a
 * new context and a new validator, whose cache starts empty), and the answer is a function of the
 * DER bytes of the certificate, of the extra intermediates in their order, of the purpose, and of
 * the validation time. The time enters only through comparisons with a finite set of instants: the
 * notBefore and notAfter of every certificate involved (end entity, extra intermediates, context
 * intermediates, anchors), the thisUpdate and nextUpdate of every CRL, and the revocation date of
 * every CRL entry. The JDK shifts some of these comparisons by its CRL clock skew of 15 minutes, so
 * each instant {@code d} counts as {@code d - 15 min}, {@code d} and {@code d + 15 min}. A VALID
 * answer at time {@code t} is kept with the open interval between the nearest of those instants
 * below and above {@code t} (pulled in by {@link #MARGIN} for rounding and for strict against
 * non-strict comparisons): any time inside it makes every one of those comparisons come out as at
 * {@code t}, so the answer there is the same. A time outside, and every refusal, is computed
 * afresh. So an expiry, a CRL running stale, or a revocation taking effect is never hidden by the
 * cache.
 *
 * <p>The JDK's algorithm constraints ({@code jdk.certpath.disabledAlgorithms}) can also name dates
 * ({@code denyAfter}); they are read once per JVM and the defaults restrict only signed JARs, which
 * are not validated here.
 *
 * <p>Bounded: at most {@link #MAX_ENTRIES} answers (then it starts over), and only for certificates
 * that bring at most {@link #MAX_EXTRAS} extra intermediates, so that a flood of distinct
 * certificates costs memory in proportion to nothing but the bound.
 */
final class ValidationCache {

  /** The JDK's tolerance on a CRL's thisUpdate and nextUpdate (RevocationChecker). */
  static final Duration JDK_CRL_SKEW = Duration.ofMinutes(15);

  static final Duration MARGIN = Duration.ofSeconds(1);
  static final int MAX_ENTRIES = 512;
  static final int MAX_EXTRAS = 4;

  /** DER bytes compared by value. */
  private record Der(byte[] bytes, int hash) {
    static Der of(X509Certificate cert) throws CertificateEncodingException {
      byte[] bytes = cert.getEncoded();
      return new Der(bytes, Arrays.hashCode(bytes));
    }

    @Override
    public boolean equals(Object other) {
      return other instanceof Der der && hash == der.hash && Arrays.equals(bytes, der.bytes);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** What the answer depends on besides the time and the (fixed) trust context. */
  record Key(Der leaf, List<Der> extras, Purpose purpose) {}

  /** A VALID answer and the open interval of validation times (epoch ms) in which it holds. */
  private record Entry(ValidationResult result, long fromExclusive, long untilExclusive) {
    boolean covers(long at) {
      return fromExclusive < at && at < untilExclusive;
    }
  }

  private final long[] contextInstants;
  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
  private final AtomicLong hits = new AtomicLong();

  ValidationCache(
      Collection<X509Certificate> anchors,
      Collection<X509Certificate> intermediates,
      Collection<X509CRL> crls) {
    List<Long> instants = new ArrayList<>();
    for (X509Certificate cert : anchors) {
      addValidity(cert, instants);
    }
    for (X509Certificate cert : intermediates) {
      addValidity(cert, instants);
    }
    for (X509CRL crl : crls) {
      add(crl.getThisUpdate(), instants);
      add(crl.getNextUpdate(), instants);
      if (crl.getRevokedCertificates() != null) {
        for (X509CRLEntry entry : crl.getRevokedCertificates()) {
          add(entry.getRevocationDate(), instants);
        }
      }
    }
    this.contextInstants = instants.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  /**
   * Encodings already taken, per certificate: every open validates its signer twice, and copying
   * and hashing the encoding each time showed in the profile. A JDK certificate keeps its hash code
   * and an equal certificate has the same encoding, so the lookup costs no encoding. Bounded like
   * the answers.
   */
  private final ConcurrentHashMap<X509Certificate, Der> encodings = new ConcurrentHashMap<>();

  private Der der(X509Certificate cert) throws CertificateEncodingException {
    Der known = encodings.get(cert);
    if (known != null) {
      return known;
    }
    Der der = Der.of(cert);
    if (encodings.size() >= MAX_ENTRIES) {
      encodings.clear();
    }
    encodings.put(cert, der);
    return der;
  }

  /** The key of a validation, or empty when it is not to be cached. */
  Optional<Key> key(
      X509Certificate cert, Collection<X509Certificate> extraIntermediates, Purpose purpose) {
    if (cert == null || purpose == null) {
      return Optional.empty();
    }
    int extras = extraIntermediates == null ? 0 : extraIntermediates.size();
    if (extras > MAX_EXTRAS) {
      return Optional.empty();
    }
    try {
      List<Der> extraDer = new ArrayList<>(extras);
      if (extraIntermediates != null) {
        for (X509Certificate extra : extraIntermediates) {
          if (extra == null) {
            return Optional.empty();
          }
          extraDer.add(der(extra));
        }
      }
      return Optional.of(new Key(der(cert), List.copyOf(extraDer), purpose));
    } catch (CertificateEncodingException | RuntimeException unencodable) {
      return Optional.empty();
    }
  }

  /** The remembered answer for {@code key} at {@code at}, if one holds there. */
  Optional<ValidationResult> get(Key key, Instant at) {
    Entry entry = entries.get(key);
    if (entry == null || !entry.covers(at.toEpochMilli())) {
      return Optional.empty();
    }
    hits.incrementAndGet();
    return Optional.of(entry.result());
  }

  /**
   * Remembers {@code result} of a validation at {@code at} when it is VALID and {@code at} lies
   * outside every zone of the instants the answer depends on.
   *
   * @param leaf the end-entity certificate as validated
   * @param extras the readable extra intermediates as validated
   */
  void put(
      Key key,
      Instant at,
      X509Certificate leaf,
      List<X509Certificate> extras,
      ValidationResult result) {
    if (!result.valid()) {
      return;
    }
    long time = at.toEpochMilli();
    long margin = MARGIN.toMillis();
    long from = Long.MIN_VALUE;
    long until = Long.MAX_VALUE;
    List<Long> own = new ArrayList<>();
    addValidity(leaf, own);
    for (X509Certificate extra : extras) {
      addValidity(extra, own);
    }
    int index = Arrays.binarySearch(contextInstants, time);
    if (index >= 0) {
      return;
    }
    int above = -index - 1;
    if (above > 0) {
      own.add(contextInstants[above - 1]);
    }
    if (above < contextInstants.length) {
      own.add(contextInstants[above]);
    }
    for (long instant : own) {
      if (Math.abs(time - instant) <= margin) {
        return;
      }
      if (instant < time) {
        from = Math.max(from, instant + margin);
      } else {
        until = Math.min(until, instant - margin);
      }
    }
    if (entries.size() >= MAX_ENTRIES) {
      entries.clear();
    }
    entries.put(key, new Entry(result, from, until));
  }

  /** How many answers came from the cache (for tests and diagnostics). */
  long hits() {
    return hits.get();
  }

  private static void addValidity(X509Certificate cert, List<Long> instants) {
    add(cert.getNotBefore(), instants);
    add(cert.getNotAfter(), instants);
  }

  private static void add(Date date, List<Long> instants) {
    if (date != null) {
      long skew = JDK_CRL_SKEW.toMillis();
      instants.add(date.getTime() - skew);
      instants.add(date.getTime());
      instants.add(date.getTime() + skew);
    }
  }
}
