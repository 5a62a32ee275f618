package org.liaison.pki.seal;

import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.cms.GCMParameters;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAESOAEPparams;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cms.CMSAlgorithm;

/**
 * The algorithm allow-list of a sealed notice. Everything not named here is refused with {@link
 * RejectReason#ALGORITHM_NOT_ALLOWED}: no CBC or other unauthenticated content encryption, no SHA-1
 * (as digest, in a KDF or in OAEP), no AES-GCM tag but 16 bytes nor nonce but 12, no PKCS#1 v1.5,
 * no curve but P-256 and P-384, no RSA key under 3072 bits.
 */
final class AlgorithmPolicy {

  static final int GCM_TAG_BYTES = 16;
  static final int GCM_NONCE_BYTES = 12;
  static final int MIN_RSA_BITS = 3072;

  private static final Map<ASN1ObjectIdentifier, String> KEY_AGREEMENT =
      Map.of(
          CMSAlgorithm.ECDH_SHA256KDF, "dhSinglePass-stdDH-sha256kdf",
          CMSAlgorithm.ECDH_SHA384KDF, "dhSinglePass-stdDH-sha384kdf",
          CMSAlgorithm.ECDH_SHA512KDF, "dhSinglePass-stdDH-sha512kdf");
  private static final Map<ASN1ObjectIdentifier, String> KEY_WRAP =
      Map.of(CMSAlgorithm.AES256_WRAP, "aes256-wrap");
  private static final Map<ASN1ObjectIdentifier, String> DIGEST =
      Map.of(
          NISTObjectIdentifiers.id_sha256, "SHA-256",
          NISTObjectIdentifiers.id_sha384, "SHA-384",
          NISTObjectIdentifiers.id_sha512, "SHA-512");
  private static final Map<ASN1ObjectIdentifier, String> SIGNATURE =
      Map.of(
          X9ObjectIdentifiers.ecdsa_with_SHA256, "ecdsa-with-SHA256",
          X9ObjectIdentifiers.ecdsa_with_SHA384, "ecdsa-with-SHA384",
          X9ObjectIdentifiers.ecdsa_with_SHA512, "ecdsa-with-SHA512",
          PKCSObjectIdentifiers.id_RSASSA_PSS, "RSASSA-PSS");

  private AlgorithmPolicy() {}

  /** AES-256-GCM with a full 16-byte tag and a 12-byte nonce; returns its display name. */
  static String checkContentEncryption(AlgorithmIdentifier alg) throws Refusal {
    if (!CMSAlgorithm.AES256_GCM.equals(alg.getAlgorithm())) {
      throw notAllowed("content encryption " + alg.getAlgorithm().getId());
    }
    GCMParameters parameters;
    try {
      parameters = GCMParameters.getInstance(alg.getParameters());
    } catch (RuntimeException e) {
      throw notAllowed("AES-256-GCM without valid parameters");
    }
    int tag = parameters.getIcvLen();
    if (tag != GCM_TAG_BYTES) {
      // A short tag is what a forger wants: 2^32 tries for a 4-byte one (RFC 5084 allows 12-16).
      throw notAllowed("AES-256-GCM with a " + tag + "-byte tag");
    }
    int nonce = parameters.getNonce().length;
    if (nonce != GCM_NONCE_BYTES) {
      // Any other length is hashed into the counter (NIST SP 800-38D), which Liaison never sends
      // and whose collision bounds are weaker; RFC 5084 recommends 12.
      throw notAllowed("AES-256-GCM with a " + nonce + "-byte nonce");
    }
    return "AES-256-GCM";
  }

  /**
   * The key-management algorithm of this unit's RecipientInfo: ECDH with a SHA-2 KDF and AES-256
   * key wrap, or RSA-OAEP with a SHA-2 hash. Returns its display name.
   */
  static String checkKeyManagement(AlgorithmIdentifier alg) throws Refusal {
    ASN1ObjectIdentifier oid = alg.getAlgorithm();
    if (KEY_AGREEMENT.containsKey(oid)) {
      AlgorithmIdentifier wrap;
      try {
        wrap = AlgorithmIdentifier.getInstance(alg.getParameters());
      } catch (RuntimeException e) {
        throw notAllowed("key agreement without a key-wrap algorithm");
      }
      if (wrap == null || !KEY_WRAP.containsKey(wrap.getAlgorithm())) {
        throw notAllowed("key wrap " + (wrap == null ? "none" : wrap.getAlgorithm().getId()));
      }
      return KEY_AGREEMENT.get(oid) + "+" + KEY_WRAP.get(wrap.getAlgorithm());
    }
    if (PKCSObjectIdentifiers.id_RSAES_OAEP.equals(oid)) {
      RSAESOAEPparams params;
      try {
        params = RSAESOAEPparams.getInstance(alg.getParameters());
      } catch (RuntimeException e) {
        throw notAllowed("RSA-OAEP with malformed parameters");
      }
      ASN1ObjectIdentifier hash = params.getHashAlgorithm().getAlgorithm();
      if (!DIGEST.containsKey(hash)) {
        throw notAllowed("RSA-OAEP with hash " + hash.getId());
      }
      return "RSA-OAEP-" + DIGEST.get(hash);
    }
    throw notAllowed("key management " + oid.getId());
  }

  static String checkDigest(AlgorithmIdentifier alg) throws Refusal {
    String name = DIGEST.get(alg.getAlgorithm());
    if (name == null) {
      throw notAllowed("digest " + alg.getAlgorithm().getId());
    }
    return name;
  }

  static String checkSignature(AlgorithmIdentifier alg) throws Refusal {
    String name = SIGNATURE.get(alg.getAlgorithm());
    if (name == null) {
      throw notAllowed("signature " + alg.getAlgorithm().getId());
    }
    if (PKCSObjectIdentifiers.id_RSASSA_PSS.equals(alg.getAlgorithm())) {
      ASN1ObjectIdentifier hash;
      try {
        hash = RSASSAPSSparams.getInstance(alg.getParameters()).getHashAlgorithm().getAlgorithm();
      } catch (RuntimeException e) {
        throw notAllowed("RSASSA-PSS with malformed parameters");
      }
      if (!DIGEST.containsKey(hash)) {
        throw notAllowed("RSASSA-PSS with hash " + hash.getId());
      }
      return name + "-" + DIGEST.get(hash);
    }
    return name;
  }

  /** EC keys on P-256 or P-384, RSA keys of 3072 bits and more. */
  static void checkSignerKey(PublicKey key) throws Refusal {
    if (key instanceof ECPublicKey) {
      Object curve;
      try {
        curve = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm().getParameters();
      } catch (RuntimeException e) {
        throw notAllowed("EC signer key with unreadable parameters");
      }
      if (!SECObjectIdentifiers.secp256r1.equals(curve)
          && !SECObjectIdentifiers.secp384r1.equals(curve)) {
        throw notAllowed("EC signer key on curve " + curve);
      }
      return;
    }
    if (key instanceof RSAPublicKey rsa) {
      if (rsa.getModulus().bitLength() < MIN_RSA_BITS) {
        throw notAllowed("RSA signer key of " + rsa.getModulus().bitLength() + " bits");
      }
      return;
    }
    throw notAllowed("signer key type " + key.getAlgorithm());
  }

  private static Refusal notAllowed(String what) {
    return new Refusal(RejectReason.ALGORITHM_NOT_ALLOWED, what + " is not on the allow-list");
  }
}
