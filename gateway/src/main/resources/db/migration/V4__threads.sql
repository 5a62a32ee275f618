-- Threads across units. A notice belongs to the thread it names, or starts its own (thread id =
-- its notice id): stored so, every notice of a unit's conversation is found by one thread id,
-- the first notice included, at its sender and at every recipient. One script for PostgreSQL and
-- H2, as V1.
update inbox_notice set thread_id = notice_id where thread_id is null;
update sent_notice set thread_id = notice_id where thread_id is null;
alter table inbox_notice alter column thread_id set not null;
alter table sent_notice alter column thread_id set not null;
create index ix_sent_thread on sent_notice (originator_unit, thread_id);
