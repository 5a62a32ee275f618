package org.liaison.gateway.api;

import java.util.Objects;
import java.util.Set;
import org.liaison.schemas.UnitId;

/**
 * Who is calling and for which unit this request acts: one of the units the caller is entitled to.
 * Every resource is checked against it; what belongs to another unit is answered with 404. Resolved
 * from the authenticated account, never from what the request says about itself, except the choice
 * among the account's own units.
 */
public record Caller(String principal, Set<UnitId> units, UnitId actingFor, Set<Role> roles) {

  /** The header with which a caller entitled to several units picks the one it acts for. */
  public static final String UNIT_HEADER = "Liaison-Unit";

  /** The session attribute in which the web pages keep the unit a signed-in person acts for. */
  public static final String SESSION_UNIT = "liaison.unit";

  public Caller {
    Objects.requireNonNull(principal, "principal");
    units = Set.copyOf(units);
    Objects.requireNonNull(actingFor, "actingFor");
    roles = Set.copyOf(roles);
    if (!units.contains(actingFor)) {
      throw new IllegalArgumentException(principal + " may not act for " + actingFor);
    }
  }

  public boolean has(Role role) {
    return roles.contains(role);
  }
}
