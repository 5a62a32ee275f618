package org.liaison.pki;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The crypto core knows no framework: HTTP and Kafka are adapters in the gateway. */
class FrameworkFreeTest {

  @Test
  void pkiImportsNoFrameworkKafkaOrServletClasses() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liaison.pki");

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "jakarta.servlet..", "javax.servlet..")
        .check(classes);
  }
}
