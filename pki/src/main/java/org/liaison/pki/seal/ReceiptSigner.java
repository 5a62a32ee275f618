package org.liaison.pki.seal;

import java.security.Provider;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.cms.CMSException;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.SignatureAlgorithms;
import org.liaison.pki.seal.cms.SignedDataCreator;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.Receipt;
import org.liaison.schemas.codec.AvroCodec;

/**
 * Signs a receipt: its Avro single-object encoding in a CMS SignedData by the receiving unit's
 * signing key, with the same signed attributes as a notice. Receipts are signed but not encrypted:
 * they carry ids, states, reason codes and a digest, which the Kafka record key and the topic name
 * already show, and only the originator's principal may read its receipts topic.
 */
public final class ReceiptSigner {

  private final ProviderChoice providers;
  private final Clock clock;
  private final SignedDataCreator signer;
  private final AvroCodec<Receipt> codec = AvroCodec.receipts();

  public ReceiptSigner(ProviderChoice providers, Clock clock) {
    this.providers = Objects.requireNonNull(providers, "providers");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.signer = new SignedDataCreator(providers.asymmetric());
  }

  /**
   * Signs {@code receipt} with {@code signing}, whose certificate must name the receipt's {@code
   * fromUnit}.
   *
   * @throws SealingException when the signer is not the receipt's sender or signing fails
   */
  public byte[] sign(Receipt receipt, PrivateKeyHandle signing) {
    Optional<UnitId> signerUnit = UnitCertificates.unitOf(signing.certificate());
    if (signerUnit.isEmpty() || !signerUnit.get().value().equals(receipt.getFromUnit())) {
      throw new SealingException(
          "the signing certificate names "
              + signerUnit.map(UnitId::value).orElse("no unit")
              + ", the receipt is from "
              + receipt.getFromUnit());
    }
    try {
      return signer.sign(
          codec.encode(receipt),
          signing.privateKey(),
          signatureProvider(signing),
          signing.chain(),
          clock.instant());
    } catch (CMSException | RuntimeException e) {
      throw new SealingException("cannot sign the receipt: " + e.getMessage(), e);
    }
  }

  private Provider signatureProvider(PrivateKeyHandle signing) {
    return signing
        .requiredProvider()
        .orElse(
            SignatureAlgorithms.isEc(signing.certificate().getPublicKey())
                ? providers.asymmetric()
                : providers.fallback());
  }
}
