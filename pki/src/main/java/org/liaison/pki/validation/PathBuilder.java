package org.liaison.pki.validation;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.security.auth.x500.X500Principal;

/**
 * Finds the candidate paths from an end entity to a trust anchor by issuer name, most plausible
 * first. The JDK's own path builder would do this too, but when no path validates it says only
 * "unable to find valid certification path"; building the paths here lets the validator report why
 * the best one fails (expired, revoked, ...).
 *
 * <p>Several certificates can share a subject name (a CA that rolled over its key, a separate CRL
 * signing key), so every issuer with the right name is tried, those whose key verifies the
 * signature first. Paths are bounded in length and number so that a hostile set of intermediates
 * cannot make the search explode.
 */
final class PathBuilder {

  static final int MAX_CERTS = 10;
  static final int MAX_PATHS = 16;

  /**
   * How much work the search may do, counting each certificate visited and each signature checked
   * to order the issuers. Certificates that all share one name (self-issued, without key
   * identifiers) could otherwise be chained in every order: 40 of them, sent as extra
   * intermediates, would make billions of paths. Real paths take a handful of steps.
   */
  static final int MAX_STEPS = 64;

  /** A path from the end entity (first) to the certificate the anchor issued (last). */
  record Candidate(List<X509Certificate> certs, X509Certificate anchor) {
    Candidate {
      certs = List.copyOf(certs);
    }

    /** The path with the anchor at its end, as {@link ValidationResult#path()} shows it. */
    List<X509Certificate> withAnchor() {
      List<X509Certificate> all = new ArrayList<>(certs);
      all.add(anchor);
      return Collections.unmodifiableList(all);
    }
  }

  /** The paths found, most plausible first; when none, why (and how far the search got). */
  record Outcome(
      List<Candidate> candidates,
      ValidationReason reason,
      String detail,
      List<X509Certificate> partial) {}

  private final List<X509Certificate> anchors;
  private final List<X509Certificate> pool;
  private int steps;
  private final Map<Link, Boolean> signatures = new HashMap<>();

  private record Link(X509Certificate cert, X509Certificate issuer) {}

  PathBuilder(List<X509Certificate> anchors, List<X509Certificate> pool) {
    this.anchors = anchors;
    this.pool = pool;
  }

  /** Builds the paths of {@code leaf}. Not thread-safe: one builder per validation. */
  Outcome build(X509Certificate leaf) {
    steps = 0;
    signatures.clear();
    List<Candidate> found = new ArrayList<>();
    List<X509Certificate> path = new ArrayList<>();
    path.add(leaf);
    List<X509Certificate> deadEnd = new ArrayList<>(path);
    extend(path, found, deadEnd);
    if (!found.isEmpty()) {
      return new Outcome(found, ValidationReason.VALID, "", List.of());
    }
    return whyNoPath(deadEnd);
  }

  private void extend(
      List<X509Certificate> path, List<Candidate> found, List<X509Certificate> deadEnd) {
    X509Certificate last = path.get(path.size() - 1);
    X500Principal issuer = last.getIssuerX500Principal();
    for (X509Certificate anchor : anchors) {
      if (found.size() < MAX_PATHS
          && anchor.getSubjectX500Principal().equals(issuer)
          && Certificates.keyIdsAgree(last, anchor)) {
        found.add(new Candidate(path, anchor));
      }
    }
    steps++;
    if (found.size() >= MAX_PATHS || path.size() >= MAX_CERTS || steps > MAX_STEPS) {
      return;
    }
    List<X509Certificate> issuers =
        pool.stream()
            .filter(c -> c.getSubjectX500Principal().equals(issuer) && !path.contains(c))
            .filter(c -> Certificates.keyIdsAgree(last, c))
            .toList();
    if (issuers.size() > 1) {
      // Only a choice needs the (costly) signature check; the JDK verifies the chosen path anyway.
      issuers =
          issuers.stream()
              .sorted(Comparator.comparing((X509Certificate c) -> !signed(last, c)))
              .toList();
    }
    if (issuers.isEmpty() && path.size() > deadEnd.size()) {
      deadEnd.clear();
      deadEnd.addAll(path);
    }
    for (X509Certificate next : issuers) {
      path.add(next);
      extend(path, found, deadEnd);
      path.remove(path.size() - 1);
    }
  }

  /** Whether {@code issuer}'s key verifies {@code cert}, each pair checked once and counted. */
  private boolean signed(X509Certificate cert, X509Certificate issuer) {
    return signatures.computeIfAbsent(
        new Link(cert, issuer),
        link -> {
          steps++;
          return Certificates.signedBy(link.cert(), link.issuer());
        });
  }

  /**
   * No path: the last certificate of the longest chain names an issuer nobody has. When a known
   * certificate's key did sign it, its issuer name is simply wrong (name chaining); otherwise the
   * issuer is unknown.
   */
  private Outcome whyNoPath(List<X509Certificate> deadEnd) {
    X509Certificate stuck = deadEnd.get(deadEnd.size() - 1);
    List<X509Certificate> known = new ArrayList<>(anchors);
    known.addAll(pool);
    for (X509Certificate signer : known) {
      if (steps > MAX_STEPS) {
        break;
      }
      if (!deadEnd.contains(signer) && signed(stuck, signer)) {
        if (signer.getSubjectX500Principal().equals(stuck.getIssuerX500Principal())) {
          return new Outcome(
              List.of(),
              ValidationReason.NAME_CHAINING,
              "certificate '"
                  + Certificates.name(stuck)
                  + "' was signed by '"
                  + Certificates.name(signer)
                  + "' but its authority key identifier names another key",
              deadEnd);
        }
        return new Outcome(
            List.of(),
            ValidationReason.NAME_CHAINING,
            "certificate '"
                + Certificates.name(stuck)
                + "' names its issuer '"
                + Certificates.issuerName(stuck)
                + "' but was signed by the key of '"
                + Certificates.name(signer)
                + "', whose name differs",
            deadEnd);
      }
    }
    boolean sameNameOtherKey =
        known.stream()
            .anyMatch(c -> c.getSubjectX500Principal().equals(stuck.getIssuerX500Principal()));
    String detail =
        stuck.getSubjectX500Principal().equals(stuck.getIssuerX500Principal())
            ? "self-issued certificate '" + Certificates.name(stuck) + "' is not a trust anchor"
            : sameNameOtherKey
                ? "certificate '"
                    + Certificates.name(stuck)
                    + "' was signed by a key that no known certificate of its issuer '"
                    + Certificates.issuerName(stuck)
                    + "' holds (another CA of the same name?)"
                : "issuer '"
                    + Certificates.issuerName(stuck)
                    + "' of certificate '"
                    + Certificates.name(stuck)
                    + "' is neither a trust anchor nor a known intermediate";
    return new Outcome(List.of(), ValidationReason.UNKNOWN_ISSUER, detail, deadEnd);
  }
}
