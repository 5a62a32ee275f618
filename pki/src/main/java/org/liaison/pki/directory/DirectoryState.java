package org.liaison.pki.directory;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.AtomicFiles;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.avro.EntryKind;

/**
 * The verified directory entries a gateway holds, one per key. An entry is applied only when it
 * verifies and its sequence is above that of the entry held for its key (otherwise {@link
 * DirectoryReason#ROLLBACK}); the very same signed bytes again (a topic re-read from its beginning
 * after a restart) change nothing and are no refusal. A refused entry leaves the state as it was.
 *
 * <p>CRL entries take part in verification: the entries that follow are judged with the base
 * trust's CRLs and every CRL the directory holds, the newest of each CA counting.
 *
 * <p>The state is saved as the raw signed entries, and each is verified again when loaded, so that
 * the file needs no protection of its own beyond the operating system's: a changed byte makes an
 * entry fail, never a forged one pass. Thread-safe.
 */
public final class DirectoryState {

  /** What applying an entry did. */
  public enum Outcome {
    /** The entry is now the one held for its key. */
    APPLIED,
    /** The very same entry was held already. */
    UNCHANGED
  }

  /** What loading a state file gave: entries applied and entries refused, with their reasons. */
  public record LoadReport(int applied, List<DirectoryRefusal> refused) {
    public LoadReport {
      refused = List.copyOf(refused);
    }
  }

  private static final int MAGIC = 0x4c445331; // "LDS1"

  /** The most entries a state file may hold: a federation of a few thousand units. */
  static final int MAX_ENTRIES = 100_000;

  /** The largest state file read: far above a real federation's, far below the heap. */
  static final long MAX_FILE_BYTES = 256L * 1024 * 1024;

  private final TrustContext base;
  private final DirectoryVerifier verifier;
  private final Clock clock;
  private final Map<EntryKey, VerifiedEntry> entries = new LinkedHashMap<>();
  private CertificateValidator validator;
  private long version;

  /**
   * @param base the federation's root, intermediates and bootstrap CRLs (from files)
   */
  public DirectoryState(TrustContext base, DirectoryVerifier verifier, Clock clock) {
    this.base = Objects.requireNonNull(base, "base");
    this.verifier = Objects.requireNonNull(verifier, "verifier");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Verifies {@code signed} and applies it.
   *
   * @param recordKey the Kafka record key, or empty when the entry came from a file
   * @throws DirectoryRefusal when it does not verify, or is no newer than the entry held
   */
  public synchronized Outcome apply(byte[] signed, Optional<String> recordKey)
      throws DirectoryRefusal {
    VerifiedEntry entry = verifier.verify(signed, recordKey, validator(), clock.instant());
    VerifiedEntry held = entries.get(entry.key());
    if (held != null) {
      if (held.sequence() == entry.sequence() && Arrays.equals(held.signed(), signed)) {
        return Outcome.UNCHANGED;
      }
      if (entry.sequence() <= held.sequence()) {
        throw new DirectoryRefusal(
            DirectoryReason.ROLLBACK,
            "entry "
                + entry.key()
                + " has sequence "
                + entry.sequence()
                + ", not above the "
                + held.sequence()
                + " held");
      }
    }
    entries.put(entry.key(), entry);
    if (entry.crl().isPresent()) {
      validator = null;
    }
    version++;
    return Outcome.APPLIED;
  }

  /** The validator of the base trust with every CRL the directory holds. */
  public synchronized CertificateValidator validator() {
    if (validator == null) {
      List<X509CRL> crls = new ArrayList<>(base.crls());
      crls.addAll(crls());
      validator =
          new CertificateValidator(
              new TrustContext(base.anchors(), base.intermediates(), crls, base.revocation()));
    }
    return validator;
  }

  /** The CRLs of the CRL entries held. */
  public synchronized List<X509CRL> crls() {
    return entries.values().stream().flatMap(e -> e.crl().stream()).toList();
  }

  /** The entries held, in the order they were first applied. */
  public synchronized List<VerifiedEntry> entries() {
    return List.copyOf(entries.values());
  }

  /** The entry held for {@code key}. */
  public synchronized Optional<VerifiedEntry> get(EntryKey key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** How many entries have been applied since this state was made: a change counter. */
  public synchronized long version() {
    return version;
  }

  /** The newest issuedAt among the entries held, if any: how fresh the directory is. */
  public synchronized Optional<Instant> newestIssuedAt() {
    return entries.values().stream().map(VerifiedEntry::issuedAt).max(Comparator.naturalOrder());
  }

  /** Writes the signed entries held to {@code file}, replacing it atomically. */
  public void save(Path file) {
    List<VerifiedEntry> held;
    synchronized (this) {
      held = new ArrayList<>(entries.values());
    }
    // CRL entries first, so that on loading every other entry is judged with them.
    held.sort(Comparator.comparing(e -> e.key().kind() == EntryKind.CRL ? 0 : 1));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeInt(MAGIC);
      out.writeInt(held.size());
      for (VerifiedEntry entry : held) {
        byte[] signed = entry.signed();
        out.writeInt(signed.length);
        out.write(signed);
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot create the folder of " + file);
    }
    AtomicFiles.write(file, bytes.toByteArray());
  }

  /**
   * Applies every entry of the state file {@code file}, verifying each again; an entry that no
   * longer verifies (its signer since revoked, a changed byte) is left out and reported.
   *
   * @throws PkiException FILE_NOT_FOUND, OVERSIZE, or BAD_INPUT when it is no state file
   */
  public LoadReport load(Path file) {
    byte[] content = BoundedRead.file(file, MAX_FILE_BYTES, "the directory state file");
    List<byte[]> signed = new ArrayList<>();
    try (DataInputStream in = new DataInputStream(new java.io.ByteArrayInputStream(content))) {
      if (in.readInt() != MAGIC) {
        throw new PkiException(PkiException.Code.BAD_INPUT, file + " is no directory state file");
      }
      int count = in.readInt();
      if (count < 0 || count > MAX_ENTRIES) {
        throw new PkiException(PkiException.Code.BAD_INPUT, file + " holds " + count + " entries");
      }
      for (int i = 0; i < count; i++) {
        int length = in.readInt();
        if (length < 0 || length > in.available()) {
          throw new PkiException(PkiException.Code.BAD_INPUT, file + " is cut short");
        }
        signed.add(in.readNBytes(length));
      }
    } catch (EOFException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, file + " is cut short", e);
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot read " + file, e);
    }
    int applied = 0;
    List<DirectoryRefusal> refused = new ArrayList<>();
    for (byte[] entry : signed) {
      try {
        if (apply(entry, Optional.empty()) == Outcome.APPLIED) {
          applied++;
        }
      } catch (DirectoryRefusal refusal) {
        refused.add(refusal);
      }
    }
    return new LoadReport(applied, refused);
  }
}
