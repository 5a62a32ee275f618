/**
 * The federation's certificate authorities: a root CA that certifies issuing CAs, and issuing CAs
 * that certify each unit's signing, encryption and TLS keys from a checked CSR, revoke them and
 * publish CRLs. A CA's state lives in a {@link org.liaison.pki.ca.CaStore}: in memory ({@link
 * org.liaison.pki.ca.FederationKit}, tests, development mode) or in a crash-safe folder ({@link
 * org.liaison.pki.ca.FolderCaStore}).
 */
package org.liaison.pki.ca;
