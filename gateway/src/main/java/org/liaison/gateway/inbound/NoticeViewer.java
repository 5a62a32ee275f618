package org.liaison.gateway.inbound;

import java.time.Clock;
import java.util.function.Supplier;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.validation.CertificateValidator;

/**
 * Opens a stored sealed notice in memory for a reader, recipient or sender: the plaintext exists
 * only while it is being looked at. Decryption, signature and signer certificate are checked again
 * (a signer revoked since is noticed); the arrival checks are not repeated.
 */
public final class NoticeViewer {

  private final NoticeOpener opener;
  private final Supplier<CertificateValidator> validator;
  private final Clock clock;

  public NoticeViewer(NoticeOpener opener, Supplier<CertificateValidator> validator, Clock clock) {
    this.opener = opener;
    this.validator = validator;
    this.clock = clock;
  }

  /** Opens {@code sealed}, sent by or addressed to {@code unit}. */
  public OpenResult open(HostedUnit unit, byte[] sealed) {
    return opener.reopen(sealed, unit.openingKeys(), validator.get(), clock.instant());
  }
}
