-- Idempotency keys are claimed before the notice is sealed and sent (state CLAIMED, with the
-- notice id about to be used and the time of the claim), and become DONE once Kafka has answered.
-- The key itself is no longer stored: idem_key holds its SHA-256 (callers put case words in keys).
-- Rows written before this version hold keys in clear and cannot be hashed portably in SQL; they
-- are dropped, so a retry of a request made before the upgrade is a new request.
delete from idempotency_key;
alter table idempotency_key add column state varchar(8) default 'DONE' not null;
alter table idempotency_key add column claimed_at timestamp with time zone;
