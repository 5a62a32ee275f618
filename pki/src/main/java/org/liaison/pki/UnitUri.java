package org.liaison.pki;

import java.util.Optional;
import org.liaison.schemas.UnitId;

/**
 * The subject alternative name URI that binds a unit id into its certificates: {@code
 * urn:liaison:unit:<unit id>}. A peer is identified by this URI, never by a bare common name.
 */
public final class UnitUri {

  /** The URI prefix before the unit id. */
  public static final String PREFIX = "urn:liaison:unit:";

  private UnitUri() {}

  /** The URI for {@code unit}. */
  public static String of(UnitId unit) {
    return PREFIX + unit.value();
  }

  /**
   * The unit named by {@code uri}, or empty when {@code uri} is not a Liaison unit URI or names a
   * malformed unit id. The prefix is compared exactly: {@code URN:LIAISON:UNIT:} is not accepted,
   * so that one certificate cannot name a unit in two spellings.
   */
  public static Optional<UnitId> parse(String uri) {
    if (uri == null || !uri.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String id = uri.substring(PREFIX.length());
    return UnitId.isValid(id) ? Optional.of(UnitId.of(id)) : Optional.empty();
  }
}
