/**
 * JMH benchmarks of sealing and opening notices, with the native and the pure-Java providers, and
 * of the AuthEnvelopedData content step with Bouncy Castle's stock recipient against ours. Run by
 * hand (see {@code bench/README.md}); no test runs them.
 */
package org.liaison.bench;
