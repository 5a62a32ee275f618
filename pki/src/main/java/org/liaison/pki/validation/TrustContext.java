package org.liaison.pki.validation;

import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * What a validator trusts and knows: the trust anchors (the federation root), the intermediates it
 * may use to build paths (issuing CAs), the CRLs it may use, and what to do when a CRL is missing.
 * The collections are copied, so that a caller changing its own list later does not change what was
 * trusted; null elements are dropped.
 */
public record TrustContext(
    Collection<X509Certificate> anchors,
    Collection<X509Certificate> intermediates,
    Collection<X509CRL> crls,
    RevocationPolicy revocation) {

  public TrustContext {
    anchors = copy(anchors);
    intermediates = copy(intermediates);
    crls = copy(crls);
    Objects.requireNonNull(revocation, "revocation policy");
  }

  private static <T> List<T> copy(Collection<T> items) {
    return items == null ? List.of() : items.stream().filter(Objects::nonNull).toList();
  }
}
