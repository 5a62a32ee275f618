package org.liaison.pki.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import java.security.Security;
import org.junit.jupiter.api.Test;

class ProviderChoiceTest {

  @Test
  void theNativeProviderIsChosenWhereItLoadsAndNotInstalledGlobally() {
    ProviderChoice choice = ProviderChoice.preferNative();
    boolean loads = AmazonCorrettoCryptoProvider.INSTANCE.getLoadingError() == null;
    assertThat(choice.nativeCode()).isEqualTo(loads);
    assertThat(choice.asymmetric().getName())
        .isEqualTo(loads ? "AmazonCorrettoCryptoProvider" : "BC");
    assertThat(choice.content().getName())
        .isEqualTo(loads ? "AmazonCorrettoCryptoProvider" : "SunJCE");
    assertThat(choice.symmetric().getName()).isEqualTo("SunJCE");
    // Choosing ACCP must not install it for the whole JVM (other code would pick it up unasked).
    assertThat(Security.getProvider("AmazonCorrettoCryptoProvider") == null)
        .as("ACCP installed globally")
        .isTrue();
  }

  @Test
  void thePureJavaChoiceUsesNoNativeCode() {
    ProviderChoice choice = ProviderChoice.pureJava();
    assertThat(choice.nativeCode()).isFalse();
    assertThat(choice.asymmetric().getName()).isEqualTo("BC");
    assertThat(choice.content().getName()).isEqualTo("SunJCE");
    assertThat(choice.symmetric().getName()).isEqualTo("SunJCE");
  }

  @Test
  void theSystemPropertyForcesThePureJavaChoice() {
    String before = System.getProperty(ProviderChoice.FORCE_PURE_JAVA);
    try {
      System.setProperty(ProviderChoice.FORCE_PURE_JAVA, "true");
      assertThat(ProviderChoice.select().nativeCode()).isFalse();
      System.setProperty(ProviderChoice.FORCE_PURE_JAVA, "false");
      assertThat(ProviderChoice.select().nativeCode())
          .isEqualTo(ProviderChoice.preferNative().nativeCode());
    } finally {
      if (before == null) {
        System.clearProperty(ProviderChoice.FORCE_PURE_JAVA);
      } else {
        System.setProperty(ProviderChoice.FORCE_PURE_JAVA, before);
      }
    }
  }
}
