package org.liaison.gateway.api;

import java.util.Objects;
import java.util.Set;
import org.liaison.schemas.UnitId;

/**
 * Who is calling and for which unit this request acts: one of the units the caller is entitled to.
 * Every resource is checked against it; what belongs to another unit is answered with 404.
 */
public record Caller(String principal, Set<UnitId> units, UnitId actingFor) {

  public Caller {
    Objects.requireNonNull(principal, "principal");
    units = Set.copyOf(units);
    Objects.requireNonNull(actingFor, "actingFor");
    if (!units.contains(actingFor)) {
      throw new IllegalArgumentException(principal + " may not act for " + actingFor);
    }
  }
}
