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
 * <p>A signature is judged by {@link
 * org.liaison.pki.validation.CertificateValidator#validateSignature}: RFC 5280 validation at the
 * signing time, so that a certificate that expired after it signed still validates, with the
 * revocation information of now: the newest CRLs, even though they were issued after the signature,
 * since the CRL current at the signing time may predate a revocation and often none covers that
 * moment. A listed certificate is refused when its revocation date (or invalidity date) is at or
 * before the signing time, and whatever the dates for every reason other than {@code superseded}
 * and {@code cessationOfOperation}: the signing time is the signer's claim, and a key compromise or
 * a withdrawn privilege may well predate the revocation that announced it. A certificate expired by
 * now needs a current CRL that says it keeps expired certificates (ExpiredCertsOnCRL), as Liaison's
 * CAs do; otherwise its revocation may have been dropped and the answer is {@code
 * REVOCATION_UNKNOWN}.
 *
 * <p>Delta CRLs are not applied (the JDK reads a base CRL alone, and Liaison's CAs issue none): a
 * certificate whose issuer has published one is refused with {@code DELTA_CRL_UNSUPPORTED} rather
 * than judged on the base CRL, which would miss a revocation listed only on the delta. NIST PKITS
 * 4.1-4.7 and 4.13-4.16 run in the tests, through this package and through {@code cert verify}.
 */
package org.liaison.pki.validation;
