package org.liaison.gateway.inbound;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keyed MAC (HMAC-SHA-256) under which case references are stored, so that an inbox can be
 * filtered by case reference without the reference being readable in the database. The key is the
 * gateway's own secret, kept outside the database.
 */
public final class CaseReferenceMac {

  private final SecretKeySpec key;

  public CaseReferenceMac(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the case-reference key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
  }

  /** The MAC of {@code caseReference}, or null for none. */
  public String of(String caseReference) {
    if (caseReference == null) {
      return null;
    }
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of()
          .formatHex(mac.doFinal(caseReference.strip().getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available", e);
    }
  }
}
