package org.liaison.gateway.outbound;

import java.util.List;
import org.liaison.schemas.UnitId;

/**
 * Nothing was sent: the gateway will not seal to some recipients for a reason that is not the
 * notice's fault and may pass (their directory entries are stale, say), with the stable code of
 * that reason.
 */
public final class RecipientsRefusedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final transient List<UnitId> recipients;

  public RecipientsRefusedException(String code, List<UnitId> recipients) {
    super(code + ": nothing sent; the gateway seals to none of " + recipients + " now");
    this.code = code;
    this.recipients = List.copyOf(recipients);
  }

  public String code() {
    return code;
  }

  public List<UnitId> recipients() {
    return recipients;
  }
}
