/**
 * The Kafka access rules of a federation as plain data: which principal may do what to which topic
 * or consumer group, and the broker settings that make those rules the only way in (TLS client
 * certificates, the principal mapping, a deny-by-default authorizer). One model serves the {@code
 * liaison-pki kafka acls} command that operators run and the tests that apply it to a real broker,
 * so that what is tested is what operators get. Nothing here imports Kafka: the gateway converts
 * the rules into Kafka's own classes.
 */
package org.liaison.pki.acl;
