package org.liaison.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The {@code FrameworkFreeTest}s of {@code schemas} and {@code pki} are only worth having if their
 * rule catches a framework import: here the same rule is run on the gateway, which has one.
 */
class FrameworkFreeRuleCanFailTest {

  @Test
  void theRuleFlagsAClassThatImportsSpring() {
    JavaClasses gateway =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liaison.gateway");

    assertThatThrownBy(
            () ->
                noClasses()
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "jakarta.servlet..",
                        "javax.servlet..")
                    .check(gateway))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("LiaisonGatewayApplication")
        .hasMessageContaining("org.springframework");
  }
}
