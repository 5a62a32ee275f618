/**
 * Receipts: signed DELIVERED, READ and REJECTED answers that a recipient's gateway sends back to
 * the originator, and the originator's side that verifies them and keeps each copy's state.
 */
package org.liaison.gateway.receipts;
