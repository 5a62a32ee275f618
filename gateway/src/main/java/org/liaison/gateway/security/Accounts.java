package org.liaison.gateway.security;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.liaison.gateway.startup.InvalidSettingException;
import org.liaison.pki.UnitCertificates;
import org.liaison.schemas.UnitId;

/**
 * The configured accounts, by name and by client certificate. A certificate is found by its issuer
 * together with its subject, or together with its SAN unit URI; distinguished names compare in
 * their canonical form (X500Principal equality), so spelling and spacing do not matter.
 */
public final class Accounts {

  private final Map<String, Account> byName = new LinkedHashMap<>();

  public Accounts(Collection<Account> accounts) {
    for (Account a : accounts) {
      if (byName.putIfAbsent(a.name(), a) != null) {
        throw new IllegalStateException("two accounts are named " + a.name());
      }
    }
  }

  /** The accounts of {@code liaison.security.accounts}, checked. */
  public static List<Account> fromConfiguration(List<SecurityProperties.AccountConfig> configs) {
    List<Account> accounts = new ArrayList<>();
    for (SecurityProperties.AccountConfig c : configs) {
      String where = "liaison.security.accounts (" + c.name() + ")";
      List<UnitId> units = new ArrayList<>();
      for (String unit : c.units()) {
        String problem = UnitId.problem(unit);
        if (problem != null) {
          throw account(where, "names a wrong unit: " + problem, null);
        }
        units.add(UnitId.of(unit));
      }
      if (c.passwordHash() != null && !PasswordHashes.recognises(c.passwordHash())) {
        throw account(
            where, "has a password-hash that is neither an Argon2id nor a bcrypt hash", null);
      }
      List<Account.Certificate> certificates = new ArrayList<>();
      for (SecurityProperties.CertificateBinding b : c.certificates()) {
        try {
          certificates.add(
              new Account.Certificate(
                  new X500Principal(b.issuer()),
                  b.subject() == null ? null : new X500Principal(b.subject()),
                  b.unit() == null ? null : UnitId.of(b.unit())));
        } catch (IllegalArgumentException | NullPointerException e) {
          throw account(
              where, "has a certificate without an issuer DN and a subject DN or a unit id", e);
        }
      }
      try {
        accounts.add(
            new Account(
                c.name(),
                Set.copyOf(units),
                Set.copyOf(c.roles()),
                c.passwordHash(),
                certificates));
      } catch (IllegalArgumentException | NullPointerException e) {
        throw account(where, "cannot be used: " + e.getMessage(), e);
      }
    }
    return accounts;
  }

  private static InvalidSettingException account(String where, String problem, Throwable cause) {
    return new InvalidSettingException(
        where,
        problem,
        "Fix the account in liaison.security.accounts: a name, its units (unit ids), its roles,"
            + " and a password-hash (see the README's hash command) or certificates",
        cause);
  }

  public Optional<Account> named(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /** The account a (validated) client certificate belongs to, if any. */
  public Optional<Account> holding(X509Certificate certificate) {
    X500Principal issuer = certificate.getIssuerX500Principal();
    X500Principal subject = certificate.getSubjectX500Principal();
    Optional<UnitId> unit = UnitCertificates.unitOf(certificate);
    for (Account account : byName.values()) {
      for (Account.Certificate binding : account.certificates()) {
        if (!binding.issuer().equals(issuer)) {
          continue;
        }
        if (binding.subject() != null
            ? binding.subject().equals(subject)
            : unit.isPresent() && unit.get().equals(binding.unit())) {
          return Optional.of(account);
        }
      }
    }
    return Optional.empty();
  }

  public Collection<Account> all() {
    return List.copyOf(byName.values());
  }
}
