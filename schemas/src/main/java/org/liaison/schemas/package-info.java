/**
 * The contracts units exchange: the Avro records {@code CaseNotice}, {@code Receipt} and the
 * federation directory's {@code DirectoryEntry}, the single-object codec that reads them with hard
 * limits, and the notice rules that Avro alone cannot express. Plain Java and Avro only: no
 * framework, no transport.
 */
package org.liaison.schemas;
