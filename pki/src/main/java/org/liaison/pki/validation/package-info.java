/**
 * Certificate path validation for the federation: given a certificate, the trust anchors, the
 * intermediates and the CRLs at hand, a purpose and a time, answer VALID or exactly one {@link
 * org.liaison.pki.validation.ValidationReason} with a sentence an administrator can act on.
 *
 * <p>The RFC 5280 algorithm itself is the JDK's PKIX validator (provider "SUN"), chosen because it
 * reports structured reasons ({@code BasicReason}, {@code PKIXReason}) where Bouncy Castle's gives
 * only messages. Around it this package builds the candidate paths itself (so that a refusal names
 * the certificate at fault instead of "no path found"), checks the key usage for the purpose, and
 * explains missing or stale CRLs. Nothing here touches the network: CRLs come only from the {@link
 * org.liaison.pki.validation.TrustContext}.
 */
package org.liaison.pki.validation;
