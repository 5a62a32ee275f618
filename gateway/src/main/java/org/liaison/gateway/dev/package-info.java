/**
 * Development mode, the embedded default: a real Kafka server inside the process, a development
 * federation (root and issuing CA, three units of two countries) made with the PKI library, H2, and
 * credentials for one account per unit and role (development mode is its own token issuer), all
 * under one data folder that is reused on the next start. Never for production: its keys and
 * passwords sit in plain files and its API is plain HTTP.
 */
package org.liaison.gateway.dev;
