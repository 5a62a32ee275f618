package org.liaison.gateway.units;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.liaison.schemas.UnitId;

/**
 * The units this gateway hosts, by id. The set of units is fixed at start; each unit's keys may be
 * replaced while the gateway runs (a key store reloaded after a rotation): a {@link HostedUnit} is
 * an immutable value and the swap replaces it whole, so whoever took one to open or seal a notice
 * uses one consistent set of keys, the old or the new, never a mix.
 */
public final class HostedUnits {

  private final Map<UnitId, AtomicReference<HostedUnit>> units = new LinkedHashMap<>();

  public HostedUnits(Collection<HostedUnit> hosted) {
    for (HostedUnit unit : hosted) {
      if (units.putIfAbsent(unit.id(), new AtomicReference<>(unit)) != null) {
        throw new IllegalArgumentException("unit " + unit.id() + " is configured twice");
      }
    }
  }

  /** The unit's keys as they are now. */
  public Optional<HostedUnit> find(UnitId id) {
    return Optional.ofNullable(units.get(id)).map(AtomicReference::get);
  }

  /** The keys of a hosted unit as current at each call, for those who hold on to a unit. */
  public Supplier<HostedUnit> current(UnitId id) {
    AtomicReference<HostedUnit> keys = units.get(id);
    if (keys == null) {
      throw new IllegalArgumentException("unit " + id + " is not hosted here");
    }
    return keys::get;
  }

  /** Replaces a hosted unit's keys, all at once; the unit must be hosted already. */
  public void replace(HostedUnit keys) {
    AtomicReference<HostedUnit> current = units.get(keys.id());
    if (current == null) {
      throw new IllegalArgumentException("unit " + keys.id() + " is not hosted here");
    }
    current.set(keys);
  }

  public List<HostedUnit> all() {
    return units.values().stream().map(AtomicReference::get).toList();
  }

  public List<UnitId> ids() {
    return List.copyOf(units.keySet());
  }
}
