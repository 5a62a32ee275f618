/**
 * Development mode, the embedded default: a real Kafka server inside the process, a development
 * federation (root and issuing CA, three units of two countries) made with the PKI library, and H2,
 * all under one data folder that is reused on the next start. Never for production: the caller's
 * unit is taken from a request header until the security issue lands.
 */
package org.liaison.gateway.dev;
