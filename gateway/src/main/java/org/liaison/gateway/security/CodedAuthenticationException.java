package org.liaison.gateway.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A refused authentication with the code the problem document and the trail carry, the way in that
 * refused it, and the account name when it is known (a wrong password for a known account, say).
 */
public class CodedAuthenticationException extends AuthenticationException {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final WayIn way;
  private final String account;

  public CodedAuthenticationException(String code, String detail, WayIn way, String account) {
    super(detail);
    this.code = code;
    this.way = way;
    this.account = account;
  }

  public String code() {
    return code;
  }

  public WayIn way() {
    return way;
  }

  public String account() {
    return account;
  }
}
