/**
 * The federation's crypto core: CA, unit certificates, revocation, key stores, path validation,
 * sealing and opening notices. Plain Java and Bouncy Castle: it imports no Spring, Kafka or servlet
 * class (checked by {@code FrameworkFreeTest}); the gateway adapts it.
 */
package org.liaison.pki;
