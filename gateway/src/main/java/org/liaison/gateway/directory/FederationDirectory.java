package org.liaison.gateway.directory;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.liaison.gateway.units.TrustMaterial;
import org.liaison.pki.PkiException;
import org.liaison.pki.directory.DirectoryRefusal;
import org.liaison.pki.directory.DirectoryState;
import org.liaison.pki.directory.DirectoryVerifier;
import org.liaison.pki.directory.EntryKey;
import org.liaison.pki.directory.VerifiedEntry;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.TrustContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the gateway knows of the federation directory: the verified entries ({@link
 * DirectoryState}), saved to and loaded from the state file, and the validator made of the static
 * trust material and the directory's CRLs, which every opening and sealing asks for anew. The
 * validator is swapped whole when a CRL entry is applied, so that a reader never sees half an
 * update.
 */
public final class FederationDirectory {

  private static final Logger log = LoggerFactory.getLogger(FederationDirectory.class);

  static final String REJECTED = "liaison.directory.rejected";
  static final String APPLIED = "liaison.directory.applied";

  private final DirectoryState state;
  private final Path stateFile;
  private final MeterRegistry registry;
  private final CertificateExpiryGauges expiry;
  private volatile CertificateValidator validator;

  public FederationDirectory(
      TrustMaterial trust,
      DirectoryProperties properties,
      Path dataDir,
      Clock clock,
      MeterRegistry registry) {
    this.state =
        new DirectoryState(
            new TrustContext(
                trust.anchors(), trust.intermediates(), trust.crls(), trust.revocation()),
            new DirectoryVerifier(properties.maxEntryBytes()),
            clock);
    this.stateFile = properties.stateFile(dataDir);
    this.registry = registry;
    this.expiry = new CertificateExpiryGauges(registry, clock);
    if (properties.enabled()) {
      load();
    }
    this.validator = state.validator();
    expiry.update(certificates());
  }

  private void load() {
    if (!Files.exists(stateFile)) {
      log.info("No directory state in {} yet: starting from the static trust files", stateFile);
      return;
    }
    try {
      DirectoryState.LoadReport report = state.load(stateFile);
      log.info(
          "Directory state loaded from {}: {} entries, {} refused",
          stateFile,
          report.applied(),
          report.refused().size());
      for (DirectoryRefusal refusal : report.refused()) {
        rejected(refusal, "state file " + stateFile);
      }
    } catch (PkiException e) {
      // A state file that cannot be read is no reason not to start: the topic gives it again.
      log.warn("Directory state {} not loaded [{}]: {}", stateFile, e.code(), e.getMessage());
    }
  }

  /**
   * Verifies and applies one record of the directory topic; a refusal is logged with its reason
   * code and counted, and changes nothing.
   *
   * @return whether the record changed the directory
   */
  public boolean apply(String recordKey, byte[] value, String where) {
    try {
      // A record without a key cannot be the entry it claims: the empty key never matches.
      String key = recordKey == null ? "" : recordKey;
      DirectoryState.Outcome outcome = state.apply(value, Optional.of(key));
      if (outcome == DirectoryState.Outcome.UNCHANGED) {
        return false;
      }
      VerifiedEntry entry = state.get(EntryKey.parse(key).orElseThrow()).orElseThrow();
      if (entry.crl().isPresent()) {
        validator = state.validator();
      }
      if (entry.unit().isPresent()) {
        expiry.update(certificates());
      }
      Counter.builder(APPLIED)
          .description("Directory entries verified and applied, by kind")
          .tag("kind", entry.key().kind().name())
          .register(registry)
          .increment();
      log.info(
          "Directory entry {} applied (sequence {}, issued {})",
          entry.key(),
          entry.sequence(),
          entry.issuedAt());
      return true;
    } catch (DirectoryRefusal refusal) {
      rejected(refusal, where);
      return false;
    }
  }

  private void rejected(DirectoryRefusal refusal, String where) {
    log.warn(
        "Directory entry refused [{}] from {}: {}", refusal.reason(), where, refusal.getMessage());
    Counter.builder(REJECTED)
        .description("Directory entries refused, by reason code")
        .tag("reason", refusal.reason().name())
        .register(registry)
        .increment();
  }

  /** Saves the verified entries to the state file. */
  public void save() {
    state.save(stateFile);
  }

  /** The validator of the static trust and the directory's CRLs, current now. */
  public CertificateValidator validator() {
    return validator;
  }

  /** The entry held for {@code key}. */
  public Optional<VerifiedEntry> entry(EntryKey key) {
    return state.get(key);
  }

  /** Every entry held. */
  public List<VerifiedEntry> entries() {
    return state.entries();
  }

  /** How many entries were applied since start (loaded ones included): a change counter. */
  public long version() {
    return state.version();
  }

  /** Every certificate the unit entries list, for expiry warnings. */
  List<SeenCertificate> certificates() {
    return SeenCertificate.in(state.entries());
  }

  /** The issue time of the newest entry held, if any. */
  public Optional<Instant> newestIssuedAt() {
    return state.newestIssuedAt();
  }
}
