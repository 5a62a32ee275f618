package org.liaison.gateway.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.factories.DefaultJWSVerifierFactory;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.proc.JWSVerifierFactory;
import java.security.Key;
import java.security.Provider;
import java.util.Set;
import org.liaison.pki.crypto.ProviderChoice;

/**
 * Token signature verifiers with the fastest ECDSA provider that loads here (ACCP, native; else
 * Bouncy Castle), as everywhere else in Liaison, instead of Nimbus's default, the JDK's SunEC,
 * which verifies P-256 at about a fifth of ACCP's rate. RSA signatures keep the JDK's provider,
 * whose RSASSA-PSS parameters Nimbus is written against. The check is the same either way: the
 * signature must verify over the token's header and payload with the selected key.
 */
final class TokenVerifiers implements JWSVerifierFactory {

  private final DefaultJWSVerifierFactory ecdsa = new DefaultJWSVerifierFactory();
  private final DefaultJWSVerifierFactory others = new DefaultJWSVerifierFactory();

  TokenVerifiers() {
    this(ProviderChoice.select().asymmetric());
  }

  TokenVerifiers(Provider ecdsaProvider) {
    ecdsa.getJCAContext().setProvider(ecdsaProvider);
  }

  /** The provider ECDSA signatures are verified with. */
  Provider ecdsaProvider() {
    return ecdsa.getJCAContext().getProvider();
  }

  @Override
  public JWSVerifier createJWSVerifier(JWSHeader header, Key key) throws JOSEException {
    return ECDSAVerifier.SUPPORTED_ALGORITHMS.contains(header.getAlgorithm())
        ? ecdsa.createJWSVerifier(header, key)
        : others.createJWSVerifier(header, key);
  }

  @Override
  public Set<com.nimbusds.jose.JWSAlgorithm> supportedJWSAlgorithms() {
    return others.supportedJWSAlgorithms();
  }

  @Override
  public JCAContext getJCAContext() {
    return others.getJCAContext();
  }
}
