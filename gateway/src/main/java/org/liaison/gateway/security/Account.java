package org.liaison.gateway.security;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.liaison.gateway.api.Role;
import org.liaison.schemas.UnitId;

/**
 * Someone or something that may call the API: the units it acts for, what it may do, and its ways
 * in (a password hash, client certificates). Accounts from a token are made from its claims and
 * have neither.
 */
public record Account(
    String name,
    Set<UnitId> units,
    Set<Role> roles,
    String passwordHash,
    List<Certificate> certificates) {

  /** A client certificate binding with its names parsed: subject or unit, under an issuer. */
  public record Certificate(X500Principal issuer, X500Principal subject, UnitId unit) {
    public Certificate {
      Objects.requireNonNull(issuer, "issuer");
      if ((subject == null) == (unit == null)) {
        throw new IllegalArgumentException("a certificate binding names a subject or a unit");
      }
    }
  }

  public Account {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("an account needs a name");
    }
    units = Set.copyOf(units);
    roles = Set.copyOf(roles);
    certificates = certificates == null ? List.of() : List.copyOf(certificates);
    if (units.isEmpty()) {
      throw new IllegalArgumentException("account " + name + " has no unit");
    }
  }

  /** An account made from a token's claims: no password, no certificate. */
  public static Account of(String name, Set<UnitId> units, Set<Role> roles) {
    return new Account(name, units, roles, null, List.of());
  }

  @Override
  public String toString() {
    // Never the hash, not even in a debugger's or a log's view of the record.
    return "Account[" + name + " " + units + " " + roles + "]";
  }
}
