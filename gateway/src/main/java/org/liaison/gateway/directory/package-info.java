/**
 * The gateway follows the federation directory: it reads the compacted topic {@code
 * liaison.directory} from its beginning at start and then live, verifies each entry (see {@code
 * org.liaison.pki.directory}), applies it, and keeps the last verified state on disk so that it
 * starts when Kafka is away. Applied unit entries give the encryption certificates notices are
 * sealed to; applied CRL entries join the CRLs every opening is judged with, without a restart.
 * Refused entries are logged with their reason code, counted, and never applied.
 */
package org.liaison.gateway.directory;
