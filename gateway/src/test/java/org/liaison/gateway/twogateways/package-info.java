/**
 * Integration tests of the whole notice path between two gateways, each its own Spring application
 * context in production mode, sharing one Kafka cluster and one federation, driven over HTTP as a
 * police system would drive them.
 */
package org.liaison.gateway.twogateways;
