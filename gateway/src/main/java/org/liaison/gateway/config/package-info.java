/** The gateway's configuration ({@code liaison.*}) and the wiring of its features. */
package org.liaison.gateway.config;
