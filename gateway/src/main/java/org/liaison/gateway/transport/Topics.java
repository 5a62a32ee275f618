package org.liaison.gateway.transport;

import org.liaison.schemas.UnitId;

/** The federation's topic names (see DESIGN.md, "On the wire"). */
public final class Topics {

  /** The federation directory: certificates, CRLs and unit entries, compacted. */
  public static final String DIRECTORY = "liaison.directory";

  private static final String NOTICES = "liaison.notices.";
  private static final String RECEIPTS = "liaison.receipts.";

  private Topics() {}

  /** Sealed notices addressed to {@code unit}; only that unit reads it. */
  public static String notices(UnitId unit) {
    return NOTICES + unit.value();
  }

  /** Signed receipts for the notices {@code unit} sent; only that unit reads it. */
  public static String receipts(UnitId unit) {
    return RECEIPTS + unit.value();
  }
}
