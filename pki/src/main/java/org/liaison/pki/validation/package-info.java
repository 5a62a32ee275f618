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
 *
 * <p>Delta CRLs are not applied (the JDK reads a base CRL alone, and Liaison's CAs issue none): a
 * certificate whose issuer has published one is refused with {@code DELTA_CRL_UNSUPPORTED} rather
 * than judged on the base CRL, which would miss a revocation listed only on the delta. NIST PKITS
 * 4.1-4.7 and 4.13-4.16 run in the tests, through this package and through {@code cert verify}.
 */
package org.liaison.pki.validation;
