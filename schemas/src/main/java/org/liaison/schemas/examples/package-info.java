/**
 * Realistic, fictional case notices (a trafficking alert, an asset-tracing request, a missing
 * person), kept as JSON resources so that tests, the gateway's development mode and the command
 * line all show the same ones. Every name, number and account in them is made up.
 */
package org.liaison.schemas.examples;
