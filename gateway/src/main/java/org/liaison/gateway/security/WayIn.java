package org.liaison.gateway.security;

/** How a request authenticated, as the trail records it. */
public enum WayIn {
  CLIENT_CERTIFICATE,
  BEARER_TOKEN,
  LOGIN
}
