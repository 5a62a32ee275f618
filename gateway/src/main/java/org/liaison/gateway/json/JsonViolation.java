package org.liaison.gateway.json;

/**
 * One thing wrong with a JSON document, at a JSON path such as {@code $.persons[0].names}.
 *
 * @param code a stable code a client can act on, such as {@code JSON_TYPE} or {@code JSON_REQUIRED}
 */
public record JsonViolation(String path, String code, String message) {}
