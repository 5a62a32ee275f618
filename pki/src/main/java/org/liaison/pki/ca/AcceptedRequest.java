package org.liaison.pki.ca;

import java.util.Objects;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.schemas.UnitId;

/** A CSR that passed every check: the unit, the profile, and the key to certify. */
public record AcceptedRequest(
    UnitId unit,
    CertificateProfile profile,
    SubjectPublicKeyInfo publicKey,
    KeyAlgorithm algorithm) {
  public AcceptedRequest {
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(publicKey, "publicKey");
    Objects.requireNonNull(algorithm, "algorithm");
  }
}
