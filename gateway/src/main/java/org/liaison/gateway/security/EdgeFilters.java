package org.liaison.gateway.security;

/**
 * The filters both filter chains (web pages and API) put in front of authorisation, made once and
 * shared: one rate-limit budget per account whichever door it uses, one client-certificate
 * validator (and its cache) for the gateway. Not a servlet filter itself, so Spring Boot does not
 * also register these outside the chains.
 */
record EdgeFilters(
    FirewallCheckFilter firewall,
    ClientCertificateFilter certificates,
    RateLimitFilter rateLimit) {}
