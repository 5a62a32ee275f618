package org.liaison.gateway.inbound;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.seal.Delivery;
import org.liaison.pki.seal.NoticeOpener;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.seal.OpeningPolicy;
import org.liaison.pki.seal.ReplayStore;
import org.liaison.pki.validation.CertificateValidator;

/**
 * Opens a stored sealed notice in memory for a reader: the plaintext exists only while it is being
 * looked at. Decryption, signature and signer certificate are checked again (a signer revoked since
 * is noticed); the signing-time window and the replay check are not, since they judge the arrival,
 * which was judged when the notice was stored.
 */
public final class NoticeViewer {

  private static final ReplayStore ALREADY_ACCEPTED =
      (id, delivery, signed) -> ReplayStore.Claim.REDELIVERY;
  private static final Duration ANY_AGE = Duration.ofDays(365L * 100);

  private final NoticeOpener opener;
  private final Supplier<CertificateValidator> validator;
  private final Clock clock;

  public NoticeViewer(
      ProviderChoice providers,
      OpeningPolicy arrival,
      Supplier<CertificateValidator> validator,
      Clock clock) {
    this.opener =
        new NoticeOpener(
            providers, arrival.withMaxAge(ANY_AGE), ALREADY_ACCEPTED, n -> java.util.List.of());
    this.validator = validator;
    this.clock = clock;
  }

  /** Opens {@code sealed}, addressed to or sent by {@code unit}. */
  public OpenResult open(HostedUnit unit, byte[] sealed) {
    return opener.open(
        sealed,
        unit.openingKeys(),
        validator.get(),
        Optional.empty(),
        clock.instant(),
        Delivery.unique());
  }
}
