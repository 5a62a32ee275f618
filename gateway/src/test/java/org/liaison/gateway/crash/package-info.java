/**
 * The crash test: a production-mode gateway in an operating-system process of its own, killed with
 * SIGKILL while clients publish, restarted on the same database, data folder and Kafka cluster, and
 * audited through its API for what it acknowledged before the kill.
 */
package org.liaison.gateway.crash;
