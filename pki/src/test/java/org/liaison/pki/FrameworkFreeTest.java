package org.liaison.pki;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The crypto core knows no framework: HTTP and Kafka are adapters in the gateway. The one exception
 * is the command line's Kafka adapter, which writes a signed directory entry to the directory topic
 * (so that a revocation reaches the gateways at once); it is named here, and nothing else may use
 * Kafka, least of all the code that signs or verifies.
 */
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
        .resideInAnyPackage("org.springframework..", "jakarta.servlet..", "javax.servlet..")
        .check(classes);
  }

  @Test
  void onlyTheCommandLinesDirectoryPublisherUsesKafka() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liaison.pki");

    noClasses()
        .that()
        .doNotHaveFullyQualifiedName(KAFKA_ADAPTER)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..")
        .check(classes);
  }

  private static final String KAFKA_ADAPTER = "org.liaison.pki.cli.KafkaDirectoryPublisher";
}
