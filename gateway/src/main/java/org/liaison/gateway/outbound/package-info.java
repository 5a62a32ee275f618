/**
 * Publishing notices: validate, seal once for every recipient and the sender, record the copies,
 * hand one copy to each recipient's topic with {@code acks=all} and idempotence, and answer only
 * when Kafka has acknowledged them all, or say exactly which copies it did not take.
 */
package org.liaison.gateway.outbound;
