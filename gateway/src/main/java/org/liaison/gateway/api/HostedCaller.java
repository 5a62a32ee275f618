package org.liaison.gateway.api;

import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.springframework.http.HttpStatus;

/** The hosted unit a caller acts for, or a 403 when this gateway does not host it. */
final class HostedCaller {

  private HostedCaller() {}

  static HostedUnit unit(HostedUnits hosted, Caller caller) {
    return hosted
        .find(caller.actingFor())
        .orElseThrow(
            () ->
                new ApiProblem(
                    HttpStatus.FORBIDDEN,
                    "UNIT_NOT_HOSTED",
                    "This gateway does not host " + caller.actingFor()));
  }
}
