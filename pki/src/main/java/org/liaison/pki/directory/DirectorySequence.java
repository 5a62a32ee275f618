package org.liaison.pki.directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.liaison.pki.PkiException;
import org.liaison.pki.ca.AtomicFiles;

/**
 * The sequence numbers a directory publisher gives its entries, from a counter file kept beside the
 * directory signer's key store: the next number is the larger of the last one plus one and the
 * current time in milliseconds.
 *
 * <p>Why both: the counter alone makes the numbers strictly increase whatever the clock does (a
 * clock stepped back would otherwise make every gateway refuse the next entries as rollbacks); the
 * time alone keeps them increasing when the counter file is lost or a second publisher is set up
 * with the same key, and makes a number readable as a date. The number is reserved durably before
 * the entry is signed, so that a crash never hands out the same number twice.
 */
public final class DirectorySequence {

  private final Path file;
  private final Clock clock;

  public DirectorySequence(Path file, Clock clock) {
    this.file = file;
    this.clock = clock;
  }

  /** The counter file of the signer whose key store is {@code signerStore}. */
  public static DirectorySequence beside(Path signerStore, Clock clock) {
    return new DirectorySequence(
        signerStore.resolveSibling(signerStore.getFileName() + ".sequence"), clock);
  }

  /** Reserves and returns the next sequence number. */
  public synchronized long next() {
    long last = last();
    long next = Math.max(last + 1, clock.millis());
    AtomicFiles.write(file, (next + "\n").getBytes(StandardCharsets.US_ASCII));
    return next;
  }

  private long last() {
    if (!Files.exists(file)) {
      return 0;
    }
    try {
      return Long.parseLong(Files.readString(file, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      throw new PkiException(
          PkiException.Code.BAD_INPUT,
          "the sequence counter "
              + file
              + " is unreadable; restore it or remove it to continue"
              + " from the current time",
          e);
    }
  }
}
