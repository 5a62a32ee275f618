package org.liaison.pki.ca;

import java.math.BigInteger;
import java.security.SecureRandom;

/** Where serial numbers come from; tests replace it to force a collision. */
@FunctionalInterface
public interface SerialSource {

  /** A candidate serial; the CA reserves it in its store and asks again on a collision. */
  BigInteger next();

  /** Random positive serials of up to 128 bits (RFC 5280 allows 20 octets). */
  static SerialSource random() {
    SecureRandom random = new SecureRandom();
    return () -> {
      BigInteger serial;
      do {
        serial = new BigInteger(128, random);
      } while (serial.signum() == 0);
      return serial;
    };
  }
}
