package org.liaison.pki.seal;

import java.time.Clock;
import java.util.Objects;
import org.bouncycastle.cms.CMSException;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.seal.cms.SignedDataCreator;
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
    SigningKeys.requireUnit(signing, receipt.getFromUnit(), "the receipt is from");
    try {
      return signer.sign(
          codec.encode(receipt),
          SigningKeys.key(providers, signing),
          SigningKeys.provider(providers, signing),
          signing.chain(),
          clock.instant());
    } catch (CMSException | RuntimeException e) {
      throw new SealingException("cannot sign the receipt: " + e.getMessage(), e);
    }
  }
}
