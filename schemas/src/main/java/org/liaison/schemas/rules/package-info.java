/**
 * Rules a case notice must follow beyond what its Avro schema can say: unit ids, recipients, dates,
 * handling code H3, language tags, lengths and counts, attachment digests and sizes, identifiers
 * with check digits, and links between entities. {@link
 * org.liaison.schemas.rules.NoticeRules#check} reports every violation at once, each with a stable
 * code, so that a sender can fix them all in one go and a receiver can quote them in a receipt.
 */
package org.liaison.schemas.rules;
