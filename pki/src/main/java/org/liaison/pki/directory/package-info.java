/**
 * The federation directory: entries (units, CRLs, the federation policy) that the root's
 * directory-signing certificate signs as standard CMS SignedData over their Avro encoding, the
 * verification of one entry with a stable reason code for each refusal, and the state a gateway
 * keeps of the verified entries, versioned per key and saved to a file. Kafka is the gateway's
 * business: this package sees only bytes and record keys.
 */
package org.liaison.pki.directory;
