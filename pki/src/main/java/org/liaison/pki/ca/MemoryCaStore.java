package org.liaison.pki.ca;

import java.math.BigInteger;
import java.security.cert.X509CRL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A CA register in memory: for tests, the federation kit and development mode. */
public final class MemoryCaStore implements CaStore {

  private final Set<BigInteger> serials = new HashSet<>();
  private final Map<BigInteger, IssuedCertificate> issued = new LinkedHashMap<>();
  private BigInteger crlNumber = BigInteger.ZERO;
  private X509CRL crl;

  @Override
  public synchronized boolean reserveSerial(BigInteger serial) {
    return serials.add(serial);
  }

  @Override
  public synchronized void recordIssued(IssuedCertificate certificate) {
    issued.put(certificate.serial(), certificate);
  }

  @Override
  public synchronized void recordRevocation(BigInteger serial, Revocation revocation) {
    issued.computeIfPresent(serial, (s, c) -> c.revoked(revocation));
  }

  @Override
  public synchronized List<IssuedCertificate> issued() {
    return List.copyOf(new ArrayList<>(issued.values()));
  }

  @Override
  public synchronized BigInteger reserveCrlNumber() {
    crlNumber = crlNumber.add(BigInteger.ONE);
    return crlNumber;
  }

  @Override
  public synchronized void recordCrl(X509CRL made) {
    crl = made;
  }

  @Override
  public synchronized Optional<X509CRL> currentCrl() {
    return Optional.ofNullable(crl);
  }
}
