package org.liaison.gateway.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.liaison.gateway.api.Role;
import org.liaison.gateway.security.Account;
import org.liaison.gateway.security.AccountSource;
import org.liaison.gateway.security.PasswordHashes;
import org.liaison.gateway.security.TokenIssuer;
import org.liaison.schemas.UnitId;

/**
 * Development mode's credentials, so that it works with no setup: one account per hosted unit and
 * unit role (named like {@code th.cib-officer}) and one gateway auditor ({@code gateway-auditor}),
 * each with a password for the login and a bearer token from development mode's own token issuer,
 * written under {@code <data>/credentials/}:
 *
 * <pre>
 * token-issuer.key, token-issuer.pub   the issuer's EC key (kept: tokens survive restarts)
 * &lt;unit&gt;/&lt;ROLE&gt;.token              a bearer token, valid for a year, rewritten at each start
 * &lt;unit&gt;/&lt;ROLE&gt;.password           the account's password, made once
 * GATEWAY_AUDITOR.token, .password     the gateway auditor's
 * </pre>
 *
 * Files are readable by their owner only.
 */
public final class DevelopmentCredentials implements AccountSource {

  /** The account name of the gateway's auditor (files {@code GATEWAY_AUDITOR.*} in the folder). */
  public static final String GATEWAY_AUDITOR = "gateway-auditor";

  /** The issuer name of development mode's tokens. */
  public static final String ISSUER = "urn:liaison:development-issuer";

  private static final Duration TOKEN_LIFETIME = Duration.ofDays(365);

  private final Path folder;
  private final TokenIssuer issuer;
  private final List<Account> accounts;

  private DevelopmentCredentials(Path folder, TokenIssuer issuer, List<Account> accounts) {
    this.folder = folder;
    this.issuer = issuer;
    this.accounts = List.copyOf(accounts);
  }

  /** Opens or makes the credentials of {@code units} in {@code folder}. */
  public static DevelopmentCredentials openOrCreate(Path folder, List<UnitId> units) {
    try {
      Files.createDirectories(folder);
      TokenIssuer issuer = new TokenIssuer(ISSUER, issuerKeys(folder));
      PasswordHashes hashes = new PasswordHashes();
      List<Account> accounts = new ArrayList<>();
      for (UnitId unit : units) {
        Path unitFolder = Files.createDirectories(folder.resolve(unit.value()));
        for (Role role : Role.values()) {
          if (!role.gatewayLevel()) {
            accounts.add(
                account(accountName(unit, role), List.of(unit), role, unitFolder, issuer, hashes));
          }
        }
      }
      // The gateway operator's auditor: the whole trail, every unit's events and the gateway-wide
      // ones. Its account names every hosted unit, as an account must name one at least.
      if (!units.isEmpty()) {
        accounts.add(account(GATEWAY_AUDITOR, units, Role.GATEWAY_AUDITOR, folder, issuer, hashes));
      }
      return new DevelopmentCredentials(folder, issuer, accounts);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare development credentials in " + folder, e);
    }
  }

  /**
   * An account with a password (made once, kept in {@code <ROLE>.password}) and a token (rewritten
   * at each start, {@code <ROLE>.token}), both in {@code where}.
   */
  private static Account account(
      String name,
      List<UnitId> units,
      Role role,
      Path where,
      TokenIssuer issuer,
      PasswordHashes hashes)
      throws IOException {
    Path passwordFile = where.resolve(role.name() + ".password");
    if (!Files.exists(passwordFile)) {
      byte[] random = new byte[18];
      new SecureRandom().nextBytes(random);
      ownerOnly(passwordFile, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
    }
    String password = Files.readString(passwordFile, StandardCharsets.UTF_8).strip();
    ownerOnly(
        where.resolve(role.name() + ".token"),
        issuer.issue(name, units, List.of(role), TOKEN_LIFETIME));
    return new Account(name, Set.copyOf(units), Set.of(role), hashes.encode(password), List.of());
  }

  /** The account name of a unit's role: {@code nl.ncb-publisher}. */
  public static String accountName(UnitId unit, Role role) {
    return (unit.value() + "-" + role.name()).toLowerCase(Locale.ROOT);
  }

  @Override
  public List<Account> accounts() {
    return accounts;
  }

  public TokenIssuer issuer() {
    return issuer;
  }

  public Path folder() {
    return folder;
  }

  private static KeyPair issuerKeys(Path folder) throws IOException {
    Path privateFile = folder.resolve("token-issuer.key");
    Path publicFile = folder.resolve("token-issuer.pub");
    try {
      KeyFactory ec = KeyFactory.getInstance("EC");
      if (Files.exists(privateFile) && Files.exists(publicFile)) {
        PrivateKey privateKey =
            ec.generatePrivate(
                new PKCS8EncodedKeySpec(Base64.getDecoder().decode(read(privateFile))));
        PublicKey publicKey =
            ec.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(read(publicFile))));
        if (privateKey instanceof ECPrivateKey) {
          return new KeyPair(publicKey, privateKey);
        }
      }
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = generator.generateKeyPair();
      ownerOnly(privateFile, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
      ownerOnly(publicFile, pem("PUBLIC KEY", keys.getPublic().getEncoded()));
      return keys;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot make the development token issuer's key", e);
    }
  }

  private static String read(Path pemFile) throws IOException {
    return Files.readString(pemFile, StandardCharsets.US_ASCII)
        .replaceAll("-----(BEGIN|END) [A-Z ]+-----", "")
        .replaceAll("\\s", "");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static void ownerOnly(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: development mode only, on the developer's own machine.
    }
  }
}
