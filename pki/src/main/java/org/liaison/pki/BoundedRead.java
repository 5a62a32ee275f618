package org.liaison.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads a whole input, but never more than its limit plus one byte: a huge file, a sparse one or
 * {@code /dev/zero} is refused with {@link PkiException.Code#OVERSIZE} after a bounded read,
 * instead of exhausting memory before any size check could run. The file's reported size is not
 * trusted (devices and pipes report none), only the bytes actually read.
 */
public final class BoundedRead {

  private BoundedRead() {}

  /**
   * The bytes of {@code file}, at most {@code limit}.
   *
   * @param what how the message names the file ("the sealed notice")
   * @throws PkiException FILE_NOT_FOUND, BAD_INPUT (a directory), OVERSIZE or IO_FAILURE
   */
  public static byte[] file(Path file, long limit, String what) {
    if (Files.isDirectory(file)) {
      throw new PkiException(PkiException.Code.BAD_INPUT, what + " " + file + " is a directory");
    }
    try (InputStream in = Files.newInputStream(file)) {
      return stream(in, limit, what + " " + file);
    } catch (NoSuchFileException | AccessDeniedException e) {
      throw new PkiException(
          PkiException.Code.FILE_NOT_FOUND, what + " not found or not readable: " + file, e);
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Code.IO_FAILURE, "cannot read " + what + " " + file + ": " + e, e);
    }
  }

  /** The bytes of {@code in}, at most {@code limit}; the stream is left open. */
  public static byte[] stream(InputStream in, long limit, String what) throws IOException {
    if (limit < 0 || limit >= Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException("limit out of range: " + limit);
    }
    // readNBytes grows its buffer with what arrives, so memory follows the input up to the cap.
    byte[] bytes = in.readNBytes((int) limit + 1);
    if (bytes.length > limit) {
      throw new PkiException(
          PkiException.Code.OVERSIZE, what + " is larger than the limit of " + limit + " bytes");
    }
    return bytes;
  }
}
