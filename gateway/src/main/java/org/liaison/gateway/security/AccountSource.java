package org.liaison.gateway.security;

import java.util.List;

/** Accounts that come from somewhere else than the configuration: development mode's. */
public interface AccountSource {
  List<Account> accounts();
}
