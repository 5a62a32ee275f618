/**
 * The units this gateway hosts (each with its own signing and encryption keys) and what the gateway
 * knows of the others: their encryption certificates and the federation's trust anchors and
 * revocation lists.
 */
package org.liaison.gateway.units;
