/**
 * Where private keys live and how certificates travel: PKCS#12 files, PEM files, and PKCS#11 tokens
 * (HSMs) through the JDK's SunPKCS11 provider. Callers get a {@link
 * org.liaison.pki.keys.PrivateKeyHandle} and sign through it; a key held by an HSM never leaves it.
 * Passwords come from a file or an environment variable, never from a command-line argument.
 */
package org.liaison.pki.keys;
