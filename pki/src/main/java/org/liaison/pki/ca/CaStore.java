package org.liaison.pki.ca;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.util.List;
import java.util.Optional;

/**
 * Where a CA keeps its register. A durable store must make each call durable before it returns, so
 * that the CA can promise: a serial, once reserved, is never used again; a certificate is either
 * fully recorded or absent; a CRL number never repeats.
 */
public interface CaStore {

  /** Reserves {@code serial} for one certificate; false when it was reserved before. */
  boolean reserveSerial(BigInteger serial);

  /** Records a newly signed certificate (whose serial was reserved). */
  void recordIssued(IssuedCertificate issued);

  /** Records that the certificate with {@code serial} is revoked. */
  void recordRevocation(BigInteger serial, Revocation revocation);

  /** Every recorded certificate, with its revocation, in the order issued. */
  List<IssuedCertificate> issued();

  /** The recorded certificate with {@code serial}. */
  default Optional<IssuedCertificate> find(BigInteger serial) {
    return issued().stream().filter(i -> i.serial().equals(serial)).findFirst();
  }

  /** Reserves and returns the next CRL number (1, 2, ...). */
  BigInteger reserveCrlNumber();

  /** Records the CRL just made as the current one. */
  void recordCrl(X509CRL crl);

  /** The current CRL, if one was made. */
  Optional<X509CRL> currentCrl();
}
