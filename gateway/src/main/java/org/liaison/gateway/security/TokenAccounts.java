package org.liaison.gateway.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.liaison.gateway.api.Role;
import org.liaison.schemas.UnitId;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * The account a valid token stands for, from the claims the configuration names: the account name
 * (default {@code sub}), its units and its roles, each a JSON array of strings or one
 * space-separated string. Role names the gateway does not know are ignored; a token without a
 * well-formed unit is refused (TOKEN_NO_UNIT), as one naming a malformed unit id.
 */
final class TokenAccounts implements Converter<Jwt, AbstractAuthenticationToken> {

  private final SecurityProperties.Jwt claims;

  TokenAccounts(SecurityProperties.Jwt claims) {
    this.claims = claims;
  }

  @Override
  public AbstractAuthenticationToken convert(Jwt jwt) {
    String name = jwt.getClaimAsString(claims.nameClaim());
    if (name == null || name.isBlank()) {
      throw refused("TOKEN_NO_NAME", "The token has no " + claims.nameClaim() + " claim", null);
    }
    Set<UnitId> units = new LinkedHashSet<>();
    for (String unit : values(jwt.getClaim(claims.unitsClaim()))) {
      if (!UnitId.isValid(unit)) {
        throw refused("TOKEN_NO_UNIT", "The token names a malformed unit id", name);
      }
      units.add(UnitId.of(unit));
    }
    if (units.isEmpty()) {
      throw refused("TOKEN_NO_UNIT", "The token has no unit in " + claims.unitsClaim(), name);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String role : values(jwt.getClaim(claims.rolesClaim()))) {
      for (Role r : Role.values()) {
        if (r.name().equals(role)) {
          roles.add(r);
        }
      }
    }
    return new AccountAuthentication(Account.of(name, units, roles), WayIn.BEARER_TOKEN);
  }

  private static List<String> values(Object claim) {
    List<String> values = new ArrayList<>();
    if (claim instanceof String text) {
      for (String v : text.trim().split("\\s+")) {
        if (!v.isEmpty()) {
          values.add(v);
        }
      }
    } else if (claim instanceof Collection<?> list) {
      list.forEach(v -> values.add(String.valueOf(v)));
    }
    return values;
  }

  private static CodedAuthenticationException refused(String code, String detail, String account) {
    return new CodedAuthenticationException(code, detail, WayIn.BEARER_TOKEN, account);
  }
}
