/**
 * The web pages for people: officers and attachés read their unit's inbox and the notices in it,
 * publishers follow what they sent, administrators watch the quarantine. Server-rendered
 * (Thymeleaf) under {@code /web}, working without JavaScript; one small script adds the live inbox
 * from the same event stream police systems use. Every page goes through the same accounts, roles
 * and per-unit checks as the API (see the security package's {@code WebPageRules}); interface text
 * comes from message bundles in English, French, Spanish and Arabic.
 */
package org.liaison.gateway.web;
