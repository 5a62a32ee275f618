/**
 * The {@code liaison-pki} command line (picocli) over the PKI library, for administrators: CAs,
 * unit keys and CSRs, issuing, renewing and revoking certificates, CRLs, PEM import and export, and
 * sealing or opening a notice by hand ({@code notice seal}, {@code notice open}). Human output by
 * default, {@code --json} for scripts; exit codes are listed in {@link
 * org.liaison.pki.cli.ExitCodes}. Passwords come from {@code --password-file} or {@code
 * --password-env}, never from an argument.
 */
package org.liaison.pki.cli;
