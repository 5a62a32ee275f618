package org.liaison.pki.seal;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.liaison.pki.UnitCertificates;
import org.liaison.pki.crypto.ProviderChoice;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.codec.DecodeException;

/**
 * Opens a sealed notice with every check, in the order of the package documentation, and answers
 * with the notice or one reason code. It never throws for bad input. Thread-safe if the replay
 * store is.
 */
public final class NoticeOpener {

  private final ProviderChoice providers;
  private final OpeningPolicy policy;
  private final ReplayStore replays;
  private final NoticeRulesCheck rules;
  private final EnvelopeOpener envelope;
  private final SignatureVerifier signatures;
  private final AvroCodec<CaseNotice> codec;
  private final SenderCheck senders;

  public NoticeOpener(
      ProviderChoice providers, OpeningPolicy policy, ReplayStore replays, NoticeRulesCheck rules) {
    this(providers, policy, replays, rules, SenderCheck.ANY);
  }

  /**
   * @param senders whether a verified signer's unit is accepted at all (checked before the replay
   *     claim, so that a notice refused for it may arrive again once the unit is accepted)
   */
  public NoticeOpener(
      ProviderChoice providers,
      OpeningPolicy policy,
      ReplayStore replays,
      NoticeRulesCheck rules,
      SenderCheck senders) {
    this.senders = Objects.requireNonNull(senders, "senders");
    this.providers = Objects.requireNonNull(providers, "providers");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.replays = Objects.requireNonNull(replays, "replays");
    this.rules = Objects.requireNonNull(rules, "rules");
    this.envelope = new EnvelopeOpener(providers, policy.maxSealedBytes());
    this.signatures = new SignatureVerifier(providers);
    this.codec = AvroCodec.caseNotices(policy.decodeLimits());
  }

  /** Opens a notice that came in a delivery of its own (every repeat is a replay). */
  public OpenResult open(
      byte[] sealed,
      OpeningKeys me,
      CertificateValidator validator,
      Optional<UnitId> senderHint,
      Instant now) {
    return open(sealed, me, validator, senderHint, now, Delivery.unique());
  }

  /**
   * Opens {@code sealed} for the unit {@code me}.
   *
   * @param validator the federation's trust anchors, intermediates and CRLs
   * @param senderHint the sender the transport claims (a Kafka header), checked when present
   * @param now the time against which the signing-time window is checked
   * @param delivery which transport delivery this is, so that a redelivery is not a replay
   */
  public OpenResult open(
      byte[] sealed,
      OpeningKeys me,
      CertificateValidator validator,
      Optional<UnitId> senderHint,
      Instant now,
      Delivery delivery) {
    try {
      return openChecked(sealed, me, validator, senderHint, now, delivery);
    } catch (Refusal refusal) {
      return refusal.rejection();
    }
  }

  /**
   * Opens a notice this unit already accepted, to show it to a reader: the plaintext exists only in
   * memory while it is looked at. Decryption, signature and the signer's certificate (valid at the
   * signing time and not revoked since) are checked again, and the signer must be the originator;
   * {@code me} may be a recipient or the originator itself, which can read what it sent. The
   * arrival checks (sender hint, signing-time window, replay, notice rules) judged the arrival and
   * are not repeated.
   */
  public OpenResult reopen(
      byte[] sealed, OpeningKeys me, CertificateValidator validator, Instant now) {
    try {
      Authenticated a = authenticate(sealed, me, validator, now);
      CaseNotice notice = decode(a.verified().content());
      UnitId signer = signerUnit(a.verified().signer(), notice);
      if (!signer.equals(me.unit()) && !notice.getRecipients().contains(me.unit().value())) {
        throw new Refusal(
            RejectReason.NOT_A_RECIPIENT, me.unit() + " neither sent nor received this notice");
      }
      return new OpenResult.Opened(notice, a.report(signer, false));
    } catch (Refusal refusal) {
      return refusal.rejection();
    }
  }

  /** What the envelope and signature steps established. */
  private record Authenticated(
      EnvelopeOpener.Decrypted decrypted, SignatureVerifier.Verified verified) {

    VerificationReport report(UnitId signer, boolean redelivery) {
      return new VerificationReport(
          signer,
          verified.signer(),
          verified.signingTime(),
          verified.digestAlgorithm(),
          verified.signatureAlgorithm(),
          decrypted.contentEncryption(),
          decrypted.keyManagement(),
          redelivery);
    }
  }

  /** Size, structure, recipient info, decryption, signature, signer certificate. */
  private Authenticated authenticate(
      byte[] sealed, OpeningKeys me, CertificateValidator validator, Instant now) throws Refusal {
    EnvelopeOpener.Decrypted decrypted = envelope.open(sealed, me.encryptionKeys());
    SignatureVerifier.Verified verified = signatures.verify(decrypted.content());
    SignerCertificateCheck.check(
        validator, verified.signer(), verified.otherCertificates(), verified.signingTime(), now);
    return new Authenticated(decrypted, verified);
  }

  private OpenResult openChecked(
      byte[] sealed,
      OpeningKeys me,
      CertificateValidator validator,
      Optional<UnitId> senderHint,
      Instant now,
      Delivery delivery)
      throws Refusal {
    Authenticated a = authenticate(sealed, me, validator, now);
    SignatureVerifier.Verified verified = a.verified();
    CaseNotice notice = decode(verified.content());
    try {
      UnitId signer = signerUnit(verified.signer(), notice);
      if (senderHint.isPresent() && !senderHint.get().equals(signer)) {
        throw new Refusal(
            RejectReason.SENDER_MISMATCH,
            "the transport names " + senderHint.get() + ", the signer is " + signer);
      }
      if (!notice.getRecipients().contains(me.unit().value())) {
        throw new Refusal(
            RejectReason.NOT_A_RECIPIENT,
            me.unit()
                + " is not among the notice's "
                + notice.getRecipients().size()
                + " recipients");
      }
      Optional<String> stale = senders.staleness(signer, now);
      if (stale.isPresent()) {
        throw new Refusal(RejectReason.SENDER_DIRECTORY_STALE, stale.get());
      }
      SigningWindow.check(policy, verified.signingTime(), now);
      NoticeTimes.check(policy, notice, verified.signingTime(), now);
      ReplayStore.Claim claim =
          replays.claim(notice.getNoticeId(), delivery, verified.signingTime());
      if (claim == ReplayStore.Claim.REPLAY) {
        throw new Refusal(
            RejectReason.REPLAY, "notice " + notice.getNoticeId() + " was opened before");
      }
      List<String> violations = rules.violations(notice);
      if (!violations.isEmpty()) {
        throw new Refusal(RejectReason.NOTICE_RULES_VIOLATED, String.join("; ", violations));
      }
      return new OpenResult.Opened(notice, a.report(signer, claim == ReplayStore.Claim.REDELIVERY));
    } catch (Refusal refusal) {
      // Signature and signer certificate verified: the signer may be told with a REJECTED receipt.
      throw refusal.about(UnitCertificates.unitOf(verified.signer()), notice.getNoticeId());
    }
  }

  private CaseNotice decode(byte[] content) throws Refusal {
    try {
      return codec.decode(content);
    } catch (DecodeException e) {
      throw new Refusal(RejectReason.NOT_A_NOTICE, e.reason() + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw new Refusal(RejectReason.NOT_A_NOTICE, "undecodable: " + e.getClass().getSimpleName());
    }
  }

  private static UnitId signerUnit(X509Certificate signer, CaseNotice notice) throws Refusal {
    Optional<UnitId> unit = UnitCertificates.unitOf(signer);
    if (unit.isEmpty()) {
      throw new Refusal(
          RejectReason.SIGNER_NOT_ORIGINATOR, "the signer's certificate names no unit");
    }
    if (!unit.get().value().equals(notice.getOriginator())) {
      throw new Refusal(
          RejectReason.SIGNER_NOT_ORIGINATOR,
          "signed by " + unit.get() + ", the notice's originator is " + notice.getOriginator());
    }
    return unit.get();
  }
}
