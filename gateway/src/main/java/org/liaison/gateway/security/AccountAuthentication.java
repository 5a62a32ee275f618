package org.liaison.gateway.security;

import java.util.Objects;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * An authenticated account and the way it came in. Its authorities are {@code ROLE_<role>}, which
 * the endpoint rules check. Holds no credential: the certificate, token or password that proved it
 * stays with the request.
 */
public final class AccountAuthentication extends AbstractAuthenticationToken {

  private static final long serialVersionUID = 1L;

  private final transient Account account;
  private final WayIn way;

  public AccountAuthentication(Account account, WayIn way) {
    super(
        account.roles().stream()
            .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
            .sorted((a, b) -> a.getAuthority().compareTo(b.getAuthority()))
            .toList());
    this.account = Objects.requireNonNull(account, "account");
    this.way = Objects.requireNonNull(way, "way");
    setAuthenticated(true);
  }

  public Account account() {
    return account;
  }

  public WayIn way() {
    return way;
  }

  @Override
  public Object getCredentials() {
    return null;
  }

  @Override
  public Object getPrincipal() {
    return account.name();
  }

  @Override
  public String getName() {
    return account.name();
  }
}
