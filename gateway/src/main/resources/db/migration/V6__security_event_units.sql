-- The units each security event concerns, so that an auditor lists its own unit's events only
-- (issue 12, point 5). One script for PostgreSQL and H2, as V1. An event concerns the units of
-- the account that was refused or denied when the gateway knows the account, and the hosted unit
-- the request asked to act for; an event with neither (an unknown name, a bad token, an unknown
-- certificate) has no row here and is gateway-wide: only a GATEWAY_AUDITOR lists it. Events
-- recorded before this version have no rows either, and so stay with the gateway auditor: the
-- accounts that would tell their units are configuration, not data this script can read.
create table security_event_unit (
    event_id         bigint                   not null,
    unit_id          varchar(35)              not null,
    constraint pk_security_event_unit primary key (event_id, unit_id),
    constraint fk_security_event_unit_event foreign key (event_id) references security_event (id)
);
create index ix_security_event_unit_unit on security_event_unit (unit_id, event_id);
