package org.liaison.gateway.security;

import java.util.Set;
import org.liaison.schemas.UnitId;
import org.springframework.security.core.AuthenticationException;

/**
 * A refused authentication with the code the problem document and the trail carry, the way in that
 * refused it, and the account name when it is known (a wrong password for a known account, say),
 * with the units of that account, whose auditors the trail shows the refusal to.
 */
public class CodedAuthenticationException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String answeredCode;
  private final WayIn way;
  private final String account;
  private final transient Set<UnitId> units;

  public CodedAuthenticationException(String code, String detail, WayIn way, String account) {
    this(code, code, detail, way, account, Set.of());
  }

  /**
   * A refusal whose trail code says more than the caller may learn: the trail records {@code code},
   * the caller gets {@code answeredCode} (and {@code detail}). {@code units} are those of the
   * account when the gateway knows it (a configured account), none otherwise.
   */
  public CodedAuthenticationException(
      String code,
      String answeredCode,
      String detail,
      WayIn way,
      String account,
      Set<UnitId> units) {
    super(detail);
    this.code = code;
    this.answeredCode = answeredCode;
    this.way = way;
    this.account = account;
    this.units = Set.copyOf(units);
  }

  /** The code the trail records. */
  public String code() {
    return code;
  }

  /** The code the caller is answered with. */
  public String answeredCode() {
    return answeredCode;
  }

  public WayIn way() {
    return way;
  }

  public String account() {
    return account;
  }

  /** The units of the refused account, when the gateway knows it. */
  public Set<UnitId> units() {
    return units == null ? Set.of() : units;
  }
}
