/**
 * Which JCA provider performs which primitive, chosen by measurement (see {@code bench/README.md}):
 * the native Amazon Corretto Crypto Provider for ECDSA and ECDH when it loads on this machine, the
 * JDK's SunJCE for AES-GCM and AES key wrap, and Bouncy Castle as the pure-Java fallback for the
 * asymmetric primitives. Nothing here changes the JVM's global provider order: every caller is
 * handed the provider objects and passes them to each builder explicitly.
 */
package org.liaison.pki.crypto;
