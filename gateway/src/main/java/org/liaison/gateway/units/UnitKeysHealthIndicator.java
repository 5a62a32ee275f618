package org.liaison.gateway.units;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health {@code unitKeys}: for each hosted unit, the serial numbers of the keys it runs with and
 * what became of its key store's last change (LOADED_AT_START, RELOADED, or REFUSED with the reason
 * and the time). A refused store leaves the unit working with its previous keys, so health stays UP
 * and lists the unit under {@code refused} for the administrator to fix.
 */
public final class UnitKeysHealthIndicator implements HealthIndicator {

  private final KeyStoreReloader reloader;

  public UnitKeysHealthIndicator(KeyStoreReloader reloader) {
    this.reloader = reloader;
  }

  @Override
  public Health health() {
    List<String> refused = new ArrayList<>();
    Map<String, Object> units = new LinkedHashMap<>();
    reloader
        .states()
        .forEach(
            (id, state) -> {
              Map<String, Object> detail = new LinkedHashMap<>();
              detail.put("state", state.outcome());
              detail.put("at", state.at().toString());
              if (state.reason() != null) {
                refused.add(id.value());
                detail.put("reason", state.reason().name());
                detail.put("detail", state.detail());
              }
              detail.put("signingSerial", state.signingSerial());
              detail.put("encryptionSerial", state.encryptionSerial());
              detail.put("olderEncryptionSerials", state.olderEncryptionSerials());
              units.put(id.value(), detail);
            });
    return Health.up().withDetail("refused", refused).withDetail("units", units).build();
  }
}
