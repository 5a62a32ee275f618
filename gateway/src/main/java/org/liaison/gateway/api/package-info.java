/**
 * The REST API under {@code /api/v1}: JSON in and out, every error an RFC 9457 {@code
 * application/problem+json} document with a stable {@code code} a client can act on, and no stack
 * trace or internal detail.
 */
package org.liaison.gateway.api;
