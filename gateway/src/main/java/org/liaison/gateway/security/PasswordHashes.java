package org.liaison.gateway.security;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password hashes as operators store them: Argon2id ({@code $argon2id$v=19$m=...}, the default, its
 * parameters read from the hash) or bcrypt ({@code $2a$}, {@code $2b$}, {@code $2y$}). New hashes
 * are Argon2id with Spring Security's current parameters (Bouncy Castle's implementation).
 */
public final class PasswordHashes implements PasswordEncoder {

  private final Argon2PasswordEncoder argon2 =
      Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  private final BCryptPasswordEncoder bcrypt = new BCryptPasswordEncoder();

  static boolean recognises(String hash) {
    return hash.startsWith("$argon2id$") || isBcrypt(hash);
  }

  private static boolean isBcrypt(String hash) {
    return hash.startsWith("$2a$") || hash.startsWith("$2b$") || hash.startsWith("$2y$");
  }

  @Override
  public String encode(CharSequence rawPassword) {
    return argon2.encode(rawPassword);
  }

  @Override
  public boolean matches(CharSequence rawPassword, String hash) {
    if (hash == null || rawPassword == null) {
      return false;
    }
    if (hash.startsWith("$argon2id$")) {
      return argon2.matches(rawPassword, hash);
    }
    return isBcrypt(hash) && bcrypt.matches(rawPassword, hash);
  }
}
