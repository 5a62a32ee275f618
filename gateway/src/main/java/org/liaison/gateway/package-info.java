/**
 * The Liaison gateway: the Spring Boot application that hosts units, publishes their notices on
 * Kafka, receives, opens and stores what is addressed to them, and sends receipts. Packaged by
 * feature ({@code outbound}, {@code inbound}, {@code receipts}, {@code directory}, {@code audit},
 * {@code api}, {@code web}, {@code security}, {@code store}, {@code dev}).
 */
package org.liaison.gateway;
