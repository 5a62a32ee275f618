/**
 * What a gateway says when it cannot start: configuration errors carry the setting at fault and
 * what to do, and Spring Boot's failure analyzers here print them as one Description and one Action
 * instead of a stack trace. Registered in {@code META-INF/spring.factories}.
 */
package org.liaison.gateway.startup;
