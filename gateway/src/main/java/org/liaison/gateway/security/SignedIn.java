package org.liaison.gateway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import java.util.Optional;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.api.Role;
import org.liaison.schemas.UnitId;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * Who is signed in on the web pages, for their header: the account, its units, the one it acts for
 * (chosen on the unit switcher, or its only one) and its roles. Authorisation stays with the rules
 * and the controllers; this only tells the page what to show.
 */
public final class SignedIn {

  /** The person, for the page: {@code acting} is null while an account of several units chooses. */
  public record Person(String name, List<String> units, String acting, List<String> roles) {
    public boolean has(String role) {
      return roles.contains(role);
    }
  }

  private SignedIn() {}

  public static Optional<Person> person(HttpServletRequest request) {
    Authentication who = SecurityContextHolder.getContext().getAuthentication();
    if (!(who instanceof AccountAuthentication a)) {
      return Optional.empty();
    }
    Account account = a.account();
    List<String> units = account.units().stream().map(UnitId::value).sorted().toList();
    String acting = units.size() == 1 ? units.get(0) : null;
    HttpSession session = request.getSession(false);
    if (session != null
        && session.getAttribute(Caller.SESSION_UNIT) instanceof String chosen
        && units.contains(chosen)) {
      acting = chosen;
    }
    List<String> roles = account.roles().stream().map(Role::name).sorted().toList();
    return Optional.of(new Person(account.name(), units, acting, roles));
  }
}
