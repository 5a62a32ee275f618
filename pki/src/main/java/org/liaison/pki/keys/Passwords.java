package org.liaison.pki.keys;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.PkiException;

/**
 * Reads a password from a file (its first line) or from an environment variable, never from a
 * command-line argument, where other users of the machine could read it in the process list.
 */
public final class Passwords {

  /** A password file holds one line; anything this large is not one. */
  private static final int MAX_FILE_BYTES = 64 * 1024;

  private Passwords() {}

  /** The first line of {@code file}, without its line end. */
  public static char[] fromFile(Path file) {
    String text =
        new String(
            BoundedRead.file(file, MAX_FILE_BYTES, "the password file"), StandardCharsets.UTF_8);
    int end = text.indexOf('\n');
    String line = end < 0 ? text : text.substring(0, end);
    if (line.endsWith("\r")) {
      line = line.substring(0, line.length() - 1);
    }
    if (line.isEmpty()) {
      throw new PkiException(
          PkiException.Code.PASSWORD_MISSING, "the password file " + file + " is empty");
    }
    return line.toCharArray();
  }

  /** The value of environment variable {@code name} in {@code environment}. */
  public static char[] fromEnvironment(String name, Map<String, String> environment) {
    String value = environment.get(name);
    if (value == null || value.isEmpty()) {
      throw new PkiException(
          PkiException.Code.PASSWORD_MISSING,
          "the environment variable " + name + " that should hold the password is not set");
    }
    return value.toCharArray();
  }

  /** From the file when given, else from the variable when given, else PASSWORD_MISSING. */
  public static char[] resolve(
      Optional<Path> file,
      Optional<String> variable,
      Map<String, String> environment,
      String what) {
    if (file.isPresent()) {
      return fromFile(file.get());
    }
    if (variable.isPresent()) {
      return fromEnvironment(variable.get(), environment);
    }
    throw new PkiException(
        PkiException.Code.PASSWORD_MISSING,
        "no password for " + what + ": give --password-file FILE or --password-env VARIABLE");
  }
}
