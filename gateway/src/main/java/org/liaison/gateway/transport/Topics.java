package org.liaison.gateway.transport;

import org.liaison.pki.acl.FederationAcls;
import org.liaison.schemas.UnitId;

/**
 * The federation's topic names (see DESIGN.md, "On the wire"), as the ACL model that operators
 * apply to the brokers names them ({@link FederationAcls}).
 */
public final class Topics {

  /** The federation directory: certificates, CRLs and unit entries, compacted. */
  public static final String DIRECTORY = FederationAcls.DIRECTORY;

  private Topics() {}

  /** Sealed notices addressed to {@code unit}; only that unit reads it. */
  public static String notices(UnitId unit) {
    return FederationAcls.notices(unit);
  }

  /** Signed receipts for the notices {@code unit} sent; only that unit reads it. */
  public static String receipts(UnitId unit) {
    return FederationAcls.receipts(unit);
  }

  /** The consumer group in which {@code unit}'s gateway reads its two topics. */
  public static String consumerGroup(UnitId unit) {
    return FederationAcls.consumerGroup(unit);
  }
}
