package org.liaison.gateway.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.security.TokenIssuer;
import org.liaison.schemas.UnitId;

/**
 * A test identity provider: a fresh EC key, its public key written where a production-mode gateway
 * is told to find it, and bearer tokens for any account.
 */
public final class TestTokens {

  public static final String ISSUER = "https://idp.test.liaison.invalid";

  private final TokenIssuer issuer;
  private final Path publicKeyFile;

  private TestTokens(TokenIssuer issuer, Path publicKeyFile) {
    this.issuer = issuer;
    this.publicKeyFile = publicKeyFile;
  }

  /** A new issuer whose public key is written in {@code folder}. */
  public static TestTokens create(Path folder) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      Files.createDirectories(folder);
      Path file = folder.resolve("token-issuer.pub.pem");
      Files.writeString(
          file,
          "-----BEGIN PUBLIC KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(keys.getPublic().getEncoded())
              + "\n-----END PUBLIC KEY-----\n",
          StandardCharsets.US_ASCII);
      return new TestTokens(new TokenIssuer(ISSUER, keys), file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The arguments that make a gateway trust this issuer. */
  public List<String> arguments() {
    return List.of(
        "--liaison.security.jwt.issuer=" + ISSUER,
        "--liaison.security.jwt.audience=" + TokenIssuer.AUDIENCE,
        "--liaison.security.jwt.public-key-file=" + publicKeyFile);
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  /** A token for an account of {@code unit} with {@code roles}, valid for an hour. */
  public String token(UnitId unit, Role... roles) {
    return issuer.issue(
        "test-" + unit.value().toLowerCase(java.util.Locale.ROOT),
        List.of(unit),
        List.of(roles),
        Duration.ofHours(1));
  }

  /** Every role: for tests about something else than authorization. */
  public String tokenWithEveryRole(UnitId unit) {
    return token(unit, Role.values());
  }
}
