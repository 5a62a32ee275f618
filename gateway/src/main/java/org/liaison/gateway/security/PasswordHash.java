package org.liaison.gateway.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Makes the Argon2id hash of a password for {@code liaison.security.accounts[n].password-hash}. The
 * password is read from the console without echo, or from standard input when there is no console
 * (one line), never from the command line where {@code ps} and shell history would keep it:
 *
 * <pre>
 * java -cp liaison-gateway.jar -Dloader.main=org.liaison.gateway.security.PasswordHash \
 *     org.springframework.boot.loader.launch.PropertiesLauncher
 * </pre>
 */
public final class PasswordHash {

  private PasswordHash() {}

  public static void main(String[] args) throws IOException {
    char[] password;
    Console console = System.console();
    if (console != null) {
      password = console.readPassword("Password: ");
      char[] again = console.readPassword("Again: ");
      if (password == null || !Arrays.equals(password, again)) {
        System.err.println("The two passwords differ; nothing was made.");
        System.exit(2);
      }
    } else {
      String line =
          new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      password = line == null ? new char[0] : line.toCharArray();
    }
    if (password.length < 12) {
      System.err.println("A password of at least 12 characters is needed; nothing was made.");
      System.exit(2);
    }
    System.out.println(new PasswordHashes().encode(java.nio.CharBuffer.wrap(password)));
    Arrays.fill(password, '\0');
  }
}
