/**
 * The gateway's durable state: inbox, sent notices and their per-recipient states, quarantine, the
 * ledger of notice ids already seen, idempotency keys and tombstones. Notices are stored sealed, as
 * they travelled; nothing here ever holds a notice's plaintext. One schema (Flyway, {@code
 * db/migration}) serves PostgreSQL and H2.
 */
package org.liaison.gateway.store;
