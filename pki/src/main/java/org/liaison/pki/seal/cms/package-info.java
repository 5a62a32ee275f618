/**
 * The CMS mechanics under sealing and opening: SignedData creation, AuthEnvelopedData encryption,
 * and an ECDH key-agreement recipient of our own.
 *
 * <p>Sealing writes its CMS structures directly with a small DER writer ({@link
 * org.liaison.pki.seal.cms.Der}) instead of Bouncy Castle's generators, which were most of the Java
 * time of a seal; the output is what those generators produced, and the tests hold it to that.
 *
 * <p>Why our own ECDH recipient: Bouncy Castle's {@code JceKeyAgreeRecipientInfoGenerator} and
 * {@code JceKeyAgreeRecipient} ask the JCA provider for a {@code KeyAgreement} named after the CMS
 * scheme OID ({@code dhSinglePass-stdDH-sha256kdf-scheme}), an algorithm only Bouncy Castle
 * registers. A native provider such as ACCP offers plain {@code ECDH} and cannot be plugged in
 * there. {@link org.liaison.pki.seal.cms.AuthEnvelopedEncryptor} and {@link
 * org.liaison.pki.seal.cms.EcdhAuthEnvelopedRecipient} do the raw agreement with any provider, the
 * ANSI X9.63 key derivation of RFC 5753 themselves ({@link org.liaison.pki.seal.cms.EcdhKdf}), and
 * the AES key wrap with the JDK; AES-GCM runs in the provider chosen for content encryption ({@link
 * org.liaison.pki.crypto.ProviderChoice#content()}: ACCP where it loads, else the JDK).
 *
 * <p>Opening reads the CMS without Bouncy Castle's CMS layer: {@link
 * org.liaison.pki.seal.cms.DerReader} walks the structures as slices of the input (BER input is
 * first rewritten with definite lengths by Bouncy Castle), {@link
 * org.liaison.pki.seal.cms.EcdhContentKey} recovers the content key, {@link
 * org.liaison.pki.seal.cms.GcmDecryption} decrypts in one step and {@link
 * org.liaison.pki.seal.cms.DerTime} reads the signing time.
 */
package org.liaison.pki.seal.cms;
