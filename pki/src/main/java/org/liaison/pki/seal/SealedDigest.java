package org.liaison.pki.seal;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The digest that receipts carry to name the sealed notice they answer: SHA-256 of its bytes. */
public final class SealedDigest {

  private SealedDigest() {}

  /** SHA-256 of the sealed bytes exactly as sent. */
  public static byte[] sha256(byte[] sealed) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(sealed);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
