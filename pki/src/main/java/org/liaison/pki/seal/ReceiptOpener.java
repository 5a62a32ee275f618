package org.liaison.pki.seal;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Receipt;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.codec.DecodeException;
import org.liaison.schemas.codec.DecodeLimits;

/**
 * Verifies a signed receipt, never throwing for bad input. Checks, in order, each with its code:
 * size ({@code OVERSIZE}) → SignedData structure, algorithms, signed attributes and signature (as
 * for a notice) → signer certificate valid for signing at the signing time ({@code
 * SIGNER_CERTIFICATE_INVALID}) → a Receipt the codec decodes ({@code NOT_A_RECEIPT}) → the signer
 * is the receipt's sender ({@code SIGNER_NOT_ORIGINATOR}) and the transport's hint agrees ({@code
 * SENDER_MISMATCH}) → the receipt is addressed to this unit ({@code NOT_A_RECIPIENT}) → signing
 * time within the window ({@code SIGNING_TIME_OUT_OF_WINDOW}).
 */
public final class ReceiptOpener {

  /** Receipts are a few hundred bytes plus a certificate chain. */
  public static final int MAX_RECEIPT_BYTES = 64 * 1024;

  private final SignatureVerifier signatures;
  private final OpeningPolicy policy;
  private final AvroCodec<Receipt> codec =
      AvroCodec.receipts(DecodeLimits.defaults().withMaxInputBytes(4096));

  public ReceiptOpener(ProviderChoice providers, OpeningPolicy policy) {
    this.signatures = new SignatureVerifier(Objects.requireNonNull(providers, "providers"));
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Verifies {@code signed}, which the transport says comes from {@code senderHint}. */
  public ReceiptResult open(
      byte[] signed,
      UnitId me,
      CertificateValidator validator,
      Optional<UnitId> senderHint,
      Instant now) {
    try {
      return openChecked(signed, me, validator, senderHint, now);
    } catch (Refusal refusal) {
      return new ReceiptResult.Rejected(refusal.reason(), refusal.getMessage());
    }
  }

  private ReceiptResult openChecked(
      byte[] signed,
      UnitId me,
      CertificateValidator validator,
      Optional<UnitId> senderHint,
      Instant now)
      throws Refusal {
    if (signed == null || signed.length > MAX_RECEIPT_BYTES) {
      throw new Refusal(
          RejectReason.OVERSIZE,
          (signed == null ? "no" : signed.length) + " bytes, at most " + MAX_RECEIPT_BYTES);
    }
    SignatureVerifier.Verified verified = signatures.verify(signed);
    SignerCertificateCheck.check(
        validator, verified.signer(), verified.otherCertificates(), verified.signingTime(), now);
    Receipt receipt;
    try {
      receipt = codec.decode(verified.content());
    } catch (DecodeException e) {
      throw new Refusal(RejectReason.NOT_A_RECEIPT, e.reason() + ": " + e.getMessage());
    }
    Optional<UnitId> signer = UnitCertificates.unitOf(verified.signer());
    if (signer.isEmpty() || !signer.get().value().equals(receipt.getFromUnit())) {
      throw new Refusal(
          RejectReason.SIGNER_NOT_ORIGINATOR,
          "signed by "
              + signer.map(UnitId::value).orElse("a certificate naming no unit")
              + ", the receipt is from "
              + receipt.getFromUnit());
    }
    if (senderHint.isPresent() && !senderHint.get().equals(signer.get())) {
      throw new Refusal(
          RejectReason.SENDER_MISMATCH,
          "the transport names " + senderHint.get() + ", the signer is " + signer.get());
    }
    if (!me.value().equals(receipt.getToUnit())) {
      throw new Refusal(
          RejectReason.NOT_A_RECIPIENT,
          "the receipt is for " + receipt.getToUnit() + ", not for " + me);
    }
    SigningWindow.check(policy, verified.signingTime(), now);
    return new ReceiptResult.Verified(receipt, signer.get(), verified.signingTime());
  }
}
