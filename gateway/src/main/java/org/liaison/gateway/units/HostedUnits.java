package org.liaison.gateway.units;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.liaison.schemas.UnitId;

/** The units this gateway hosts, by id. */
public final class HostedUnits {

  private final Map<UnitId, HostedUnit> units = new LinkedHashMap<>();

  public HostedUnits(Collection<HostedUnit> hosted) {
    for (HostedUnit unit : hosted) {
      if (units.putIfAbsent(unit.id(), unit) != null) {
        throw new IllegalArgumentException("unit " + unit.id() + " is configured twice");
      }
    }
  }

  public Optional<HostedUnit> find(UnitId id) {
    return Optional.ofNullable(units.get(id));
  }

  public List<HostedUnit> all() {
    return List.copyOf(units.values());
  }

  public List<UnitId> ids() {
    return List.copyOf(units.keySet());
  }
}
