package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class HttpsRequirementTest {

  static SecurityProperties props(boolean allowPlainHttp) {
    return new SecurityProperties(null, null, null, null, null, allowPlainHttp);
  }

  @Test
  void aProductionGatewayWithoutServerSslDoesNotStart() {
    var env = new MockEnvironment().withProperty("liaison.development.enabled", "false");

    assertThatThrownBy(() -> HttpsRequirement.check(env, props(false)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("HTTPS only")
        .hasMessageContaining("server.ssl");
  }

  @Test
  void aProductionGatewayWithServerSslStarts() {
    var env =
        new MockEnvironment()
            .withProperty("liaison.development.enabled", "false")
            .withProperty("server.ssl.bundle", "api");

    assertThat(HttpsRequirement.check(env, props(false)).https()).isTrue();
  }

  @Test
  void sslSwitchedOffCountsAsNone() {
    var env =
        new MockEnvironment()
            .withProperty("liaison.development.enabled", "false")
            .withProperty("server.ssl.key-store", "keystore.p12")
            .withProperty("server.ssl.enabled", "false");

    assertThatThrownBy(() -> HttpsRequirement.check(env, props(false)))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void developmentModeAndExplicitPlainHttpMayServeHttp() {
    assertThat(HttpsRequirement.check(new MockEnvironment(), props(false)).https()).isFalse();
    var production = new MockEnvironment().withProperty("liaison.development.enabled", "false");
    assertThat(HttpsRequirement.check(production, props(true)).https()).isFalse();
  }
}
