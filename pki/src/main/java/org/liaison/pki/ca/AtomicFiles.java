package org.liaison.pki.ca;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.liaison.pki.PkiException;

/**
 * Writes a file so that a reader after a crash sees either the old content or the new, never a
 * part: write a temporary sibling, sync it, rename it over the target, sync the directory.
 */
public final class AtomicFiles {

  /** The suffix of temporary files; a leftover one is an interrupted write and is deleted. */
  static final String TEMP_SUFFIX = ".tmp";

  private AtomicFiles() {}

  /** Replaces {@code target} with {@code content}, atomically and durably. */
  public static void write(Path target, byte[] content) {
    write(target, content, CrashPoints.NONE);
  }

  static void write(Path target, byte[] content, CrashPoints crashPoints) {
    Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
    try {
      try (FileChannel channel =
          FileChannel.open(
              temp,
              StandardOpenOption.CREATE,
              StandardOpenOption.TRUNCATE_EXISTING,
              StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      crashPoints.reached(CrashPoints.Step.FILE_WRITTEN_BEFORE_RENAME);
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(target.getParent());
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Code.IO_FAILURE, "cannot write " + target + ": " + e.getMessage(), e);
    }
  }

  /** Makes a rename or a new file in {@code directory} durable (works on Linux and macOS). */
  static void syncDirectory(Path directory) throws IOException {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
