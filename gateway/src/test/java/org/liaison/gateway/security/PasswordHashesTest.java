package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class PasswordHashesTest {

  private final PasswordHashes hashes = new PasswordHashes();

  @Test
  void newHashesAreArgon2idAndSalted() {
    String first = hashes.encode("correct horse battery staple");
    String second = hashes.encode("correct horse battery staple");

    assertThat(first).startsWith("$argon2id$").isNotEqualTo(second);
    assertThat(PasswordHashes.recognises(first)).isTrue();
    assertThat(hashes.matches("correct horse battery staple", first)).isTrue();
    assertThat(hashes.matches("correct horse battery stapler", first)).isFalse();
  }

  @Test
  void bcryptHashesOfOperatorsAreAccepted() {
    String bcrypt = new BCryptPasswordEncoder().encode("another long password");

    assertThat(PasswordHashes.recognises(bcrypt)).isTrue();
    assertThat(hashes.matches("another long password", bcrypt)).isTrue();
    assertThat(hashes.matches("another long passw0rd", bcrypt)).isFalse();
  }

  @Test
  void anythingElseNeverMatches() {
    assertThat(PasswordHashes.recognises("secret")).isFalse();
    assertThat(hashes.matches("secret", "secret")).isFalse();
    assertThat(hashes.matches("secret", null)).isFalse();
  }
}
