package org.liaison.gateway.units;

import java.util.List;

/** What a gateway is given of the federation: the units it hosts and what it trusts. */
public record Federation(List<HostedUnit> units, TrustMaterial trust) {
  public Federation {
    units = List.copyOf(units);
  }
}
