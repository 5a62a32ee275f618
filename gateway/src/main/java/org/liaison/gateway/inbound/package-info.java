/**
 * Receiving notices: one consumer per hosted unit reads its topic, opens each record with every
 * check, stores what opens and quarantines what does not (with its reason and bytes), sends the
 * receipt, and only then commits the offset. Nothing is skipped: a record that cannot be processed
 * for a reason outside it (the database down, say) is retried, not passed over.
 */
package org.liaison.gateway.inbound;
