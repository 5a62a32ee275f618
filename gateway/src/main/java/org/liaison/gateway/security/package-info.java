/**
 * Who may do what on the API. Three ways in, each ending in an {@link
 * org.liaison.gateway.security.Account}: TLS client certificates (validated against the
 * federation's trust material, bound to an account by issuer and subject or issuer and unit URI),
 * JWT bearer tokens from the operator's identity provider (claims mapped to units and roles), and
 * login with a password for people. Deny by default: {@link
 * org.liaison.gateway.security.EndpointRules} grants each endpoint to the roles it needs. Refusals
 * are problem documents with a code, recorded in the security-event trail, each event tagged with
 * the units it concerns: a unit's auditor reads its own unit's events, the gateway auditor all.
 */
package org.liaison.gateway.security;
