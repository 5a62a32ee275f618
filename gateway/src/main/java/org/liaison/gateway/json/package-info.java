/**
 * Notices as plain JSON for the REST API, driven by the Avro schema itself so that every field of
 * every schema version maps without hand-written DTOs: optional values are plain values or null (no
 * Avro union wrappers), timestamps are ISO-8601 instants, dates ISO dates, bytes base64.
 */
package org.liaison.gateway.json;
