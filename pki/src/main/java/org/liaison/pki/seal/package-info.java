/**
 * Sealing and opening case notices: sign-then-encrypt in standard CMS, so that OpenSSL's {@code
 * cms} command can check a sealed notice given the keys.
 *
 * <p>{@link org.liaison.pki.seal.NoticeSealer}: Avro single-object encoding, then SignedData (the
 * unit's signing certificate and chain included; signed attributes content type, message digest,
 * signing time and RFC 6211 algorithm protection), then AuthEnvelopedData with AES-256-GCM and one
 * RecipientInfo per recipient encryption certificate plus one for the sender.
 *
 * <p>{@link org.liaison.pki.seal.NoticeOpener} runs these checks, in this order, each with its own
 * {@link org.liaison.pki.seal.RejectReason}:
 *
 * <ol>
 *   <li>size limit ({@code OVERSIZE});
 *   <li>CMS structure: one ContentInfo holding an AuthEnvelopedData, with an AES-GCM mac exactly as
 *       long as the tag length its parameters declare ({@code MALFORMED_CMS}); a plain
 *       EnvelopedData is refused here as {@code ALGORITHM_NOT_ALLOWED}, since it carries no
 *       integrity;
 *   <li>a RecipientInfo for this unit's encryption certificate ({@code NO_RECIPIENT_INFO});
 *   <li>the envelope's algorithms on the allow-list ({@code ALGORITHM_NOT_ALLOWED}): content
 *       encryption (AES-256-GCM, a 16-byte tag, a 12-byte nonce), key agreement with its KDF and
 *       key wrap, or RSA-OAEP. This half of the allow-list runs <em>before</em> decryption because
 *       it can: no disallowed algorithm (an AES-CBC padding oracle, a SHA-1 KDF) ever runs on
 *       hostile input;
 *   <li>key recovery and AES-GCM decryption with its tag ({@code DECRYPTION_FAILED});
 *   <li>a SignedData with exactly one signer (none and two are refused alike), encapsulated id-data
 *       content and the signer's certificate ({@code MALFORMED_SIGNED_DATA});
 *   <li>the signature's algorithms on the allow-list ({@code ALGORITHM_NOT_ALLOWED}): digest,
 *       signature algorithm, signer key. This half can only run after decryption, since the
 *       SignedData is inside the envelope, and runs before the signature so that a SHA-1 signature
 *       is never even computed;
 *   <li>signed attributes present: content type, message digest, signing time ({@code
 *       SIGNED_ATTRIBUTES_MISSING}); a signature straight over the content is refused;
 *   <li>the RFC 6211 algorithm-protection attribute, when present, names the SignerInfo's own
 *       algorithms ({@code ALGORITHM_PROTECTION_MISMATCH}). It is optional because OpenSSL 3.0 does
 *       not write it; Liaison always does;
 *   <li>the signature ({@code BAD_SIGNATURE});
 *   <li>the signer's certificate: path to the federation root, key usage for signing, validity at
 *       the signing time, revocation from the CRLs current now, a revocation after the signing time
 *       sparing only a superseded or retired certificate ({@code SIGNER_CERTIFICATE_INVALID}, the
 *       validator's reason leading the detail);
 *   <li>Avro decoding with limits ({@code NOT_A_NOTICE});
 *   <li>the signer's unit is the notice's originator ({@code SIGNER_NOT_ORIGINATOR}), and the
 *       transport's sender hint when given ({@code SENDER_MISMATCH});
 *   <li>this unit is among the notice's recipients ({@code NOT_A_RECIPIENT}): a notice that a
 *       recipient re-encrypted to someone else is refused;
 *   <li>the signer's unit is accepted at all by the caller's {@link
 *       org.liaison.pki.seal.SenderCheck} ({@code SENDER_DIRECTORY_STALE}: a gateway refuses units
 *       whose directory entry is stale);
 *   <li>signing time within the window around now ({@code SIGNING_TIME_OUT_OF_WINDOW});
 *   <li>the notice's {@code createdAt} not after the signing time or now by more than the clock
 *       skew ({@code CREATED_AT_OUT_OF_WINDOW}), and its {@code expiresAt}, when given, still ahead
 *       of now ({@code NOTICE_EXPIRED}): the notice rules compare the two only with each other;
 *   <li>notice id not opened before from another delivery ({@code REPLAY});
 *   <li>the notice rules ({@code NOTICE_RULES_VIOLATED}).
 * </ol>
 *
 * <p>Where decoding sits: the DESIGN lists Avro decoding near the end, but the identity checks
 * (originator, recipients) and the replay check read fields of the signed notice, so decoding moves
 * up to just after the signer's certificate is accepted. What the DESIGN's order protects is kept:
 * the decoder (with its limits) only ever sees bytes whose signature verified under a valid
 * federation certificate, and a notice that fails to decode is reported as such, attributable to a
 * known signer. The notice rules stay last.
 *
 * <p>Replays and redeliveries: the replay check is a step of {@code open}, and its store is told
 * which {@link org.liaison.pki.seal.Delivery} the bytes came in. The same notice id from the same
 * delivery (a Kafka redelivery after a consumer restart: same topic, partition and offset) opens
 * again and is marked {@code redelivery} in the report; from another delivery it is a {@code
 * REPLAY}. An id is claimed when its notice reaches that step, so a notice later refused by the
 * rules keeps its id consumed: a corrected notice needs a new id. Ids older than the signing-time
 * window can be forgotten by a durable store, since such notices are refused as stale first.
 *
 * <p>Providers: see {@link org.liaison.pki.crypto}; the CMS mechanics are in {@link
 * org.liaison.pki.seal.cms}.
 */
package org.liaison.pki.seal;
