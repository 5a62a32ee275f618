package org.liaison.pki.seal;

import java.time.Instant;
import java.util.Objects;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Receipt;

/** The answer of {@link ReceiptOpener}: the verified receipt, or one reason code. */
public sealed interface ReceiptResult {

  /** A receipt whose signature, signer and addressing passed every check. */
  record Verified(Receipt receipt, UnitId signer, Instant signingTime) implements ReceiptResult {
    public Verified {
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(signer, "signer");
      Objects.requireNonNull(signingTime, "signingTime");
    }
  }

  /** A refused receipt, with a detail for an administrator (no key material). */
  record Rejected(RejectReason reason, String detail) implements ReceiptResult {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(detail, "detail");
    }
  }
}
