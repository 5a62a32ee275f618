package org.liaison.gateway.transport;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.Producer;
import org.liaison.schemas.UnitId;

/**
 * The producer each hosted unit writes with. Over TLS every unit has its own, connected with the
 * unit's certificate, so that the brokers know who writes and apply that unit's ACLs; in plaintext
 * (development mode) the units share one, since the brokers cannot tell them apart anyway.
 */
public final class UnitProducers implements AutoCloseable {

  private final Map<UnitId, Producer<String, byte[]>> byUnit;
  private final Producer<String, byte[]> shared;

  private UnitProducers(
      Map<UnitId, Producer<String, byte[]>> byUnit, Producer<String, byte[]> shared) {
    this.byUnit = byUnit;
    this.shared = shared;
  }

  /** The producers of {@code units}: one each when {@code kafka} is secured, else one shared. */
  public static UnitProducers create(KafkaClients kafka, Collection<UnitId> units) {
    if (!kafka.secured()) {
      return shared(kafka.producer("liaison-gateway"));
    }
    Map<UnitId, Producer<String, byte[]>> producers = new LinkedHashMap<>();
    for (UnitId unit : units) {
      producers.put(unit, kafka.producer("liaison-gateway-" + unit.value(), unit));
    }
    return new UnitProducers(producers, null);
  }

  /** One producer for every unit (a plaintext cluster, or a test's own producer). */
  public static UnitProducers shared(Producer<String, byte[]> producer) {
    return new UnitProducers(Map.of(), producer);
  }

  /** The producer that writes as {@code unit}. */
  public Producer<String, byte[]> forUnit(UnitId unit) {
    if (shared != null) {
      return shared;
    }
    Producer<String, byte[]> producer = byUnit.get(unit);
    if (producer == null) {
      throw new IllegalArgumentException("unit " + unit + " is not hosted here");
    }
    return producer;
  }

  @Override
  public void close() {
    if (shared != null) {
      shared.close(Duration.ofSeconds(10));
    }
    byUnit.values().forEach(p -> p.close(Duration.ofSeconds(10)));
  }
}
