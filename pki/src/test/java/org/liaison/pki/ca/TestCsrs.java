package org.liaison.pki.ca;

import java.security.KeyPair;
import java.util.Optional;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.schemas.UnitId;

/** Good CSRs for tests, from fresh keys. */
final class TestCsrs {

  private TestCsrs() {}

  static PKCS10CertificationRequest good(UnitId unit, CertificateProfile profile) {
    return good(unit, profile, KeyAlgorithm.EC_P256.generate());
  }

  static PKCS10CertificationRequest good(UnitId unit, CertificateProfile profile, KeyPair keys) {
    return CsrBuilder.create(unit, profile, keys.getPublic(), keys.getPrivate(), Optional.empty());
  }
}
