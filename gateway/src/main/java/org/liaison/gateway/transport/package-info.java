/**
 * What every feature shares about Kafka: topic names, the routing headers (hints only: the opener
 * checks each against the signed content), client settings and topic provisioning. Producers and
 * consumers themselves live in the features that use them.
 */
package org.liaison.gateway.transport;
