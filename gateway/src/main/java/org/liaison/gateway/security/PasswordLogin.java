package org.liaison.gateway.security;

import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Login with an account name and a password. A locked-out account is refused whatever the password,
 * so that guessing cannot go on during the lock-out. A wrong password, an unknown name and a locked
 * account all answer LOGIN_FAILED after the same work (a hash is checked each time), so that the
 * answer does not say which names exist: were the lock-out told (ACCOUNT_LOCKED), five failures
 * would tell a real account from an unknown name, which is never locked. The trail records
 * ACCOUNT_LOCKED for the auditors of the account's units, and the account's user learns of the
 * lock-out from them.
 */
final class PasswordLogin implements AuthenticationProvider {

  private final Accounts accounts;
  private final LoginFailures failures;
  private final PasswordEncoder hashes;
  private final String dummyHash;

  PasswordLogin(Accounts accounts, LoginFailures failures, PasswordEncoder hashes) {
    this.accounts = accounts;
    this.failures = failures;
    this.hashes = hashes;
    this.dummyHash = hashes.encode("not the password of anyone");
  }

  @Override
  public Authentication authenticate(Authentication request) {
    String name = String.valueOf(request.getPrincipal());
    Object credentials = request.getCredentials();
    String password = credentials == null ? "" : credentials.toString();
    Optional<Account> account = accounts.named(name).filter(a -> a.passwordHash() != null);
    if (account.isEmpty()) {
      hashes.matches(password, dummyHash);
      throw failed(null);
    }
    if (failures.lockedUntil(name).isPresent()) {
      hashes.matches(password, dummyHash);
      throw locked(account.get());
    }
    if (!hashes.matches(password, account.get().passwordHash())) {
      boolean nowLocked = failures.failed(name);
      throw nowLocked ? locked(account.get()) : failed(account.get());
    }
    failures.succeeded(name);
    return new AccountAuthentication(account.get(), WayIn.LOGIN);
  }

  private static final String FAILED_DETAIL = "Wrong account name or password";

  /**
   * A failed login; {@code account} is the configured account named, null for an unknown name, so
   * that only the trail tells them apart: a known account's failure goes to its units' auditors, an
   * unknown name's to the gateway's.
   */
  private static CodedAuthenticationException failed(Account account) {
    return new CodedAuthenticationException(
        "LOGIN_FAILED",
        "LOGIN_FAILED",
        FAILED_DETAIL,
        WayIn.LOGIN,
        account == null ? null : account.name(),
        account == null ? Set.of() : account.units());
  }

  private static CodedAuthenticationException locked(Account account) {
    return new CodedAuthenticationException(
        "ACCOUNT_LOCKED",
        "LOGIN_FAILED",
        FAILED_DETAIL,
        WayIn.LOGIN,
        account.name(),
        account.units());
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
