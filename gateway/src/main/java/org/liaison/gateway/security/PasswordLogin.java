package org.liaison.gateway.security;

import java.util.Optional;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Login with an account name and a password. A locked-out account is refused before its password is
 * even checked (ACCOUNT_LOCKED), so that guessing cannot go on during the lock-out; a wrong
 * password or an unknown name both answer LOGIN_FAILED after the same work (a hash is checked
 * either way), so that the answer does not say which names exist.
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
      throw new CodedAuthenticationException(
          "ACCOUNT_LOCKED",
          "Too many failed logins; the account is locked for a while",
          WayIn.LOGIN,
          name);
    }
    if (!hashes.matches(password, account.get().passwordHash())) {
      boolean nowLocked = failures.failed(name);
      if (nowLocked) {
        throw new CodedAuthenticationException(
            "ACCOUNT_LOCKED",
            "Too many failed logins; the account is locked for a while",
            WayIn.LOGIN,
            name);
      }
      throw failed(name);
    }
    failures.succeeded(name);
    return new AccountAuthentication(account.get(), WayIn.LOGIN);
  }

  private static CodedAuthenticationException failed(String account) {
    return new CodedAuthenticationException(
        "LOGIN_FAILED", "Wrong account name or password", WayIn.LOGIN, account);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
