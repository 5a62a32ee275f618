/**
 * What an operator watches: health indicators (Kafka, hosted units' certificates; the database's is
 * Spring Boot's own) and the gateway's counters and timers. Ids, unit ids and reason codes only:
 * nothing here ever sees notice content.
 */
package org.liaison.gateway.ops;
