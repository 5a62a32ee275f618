/**
 * The contracts units exchange: the Avro records {@code CaseNotice} and {@code Receipt}, the
 * single-object codec that reads them with hard limits, and the notice rules that Avro alone cannot
 * express. Plain Java and Avro only: no framework, no transport.
 */
package org.liaison.schemas;
