package org.liaison.schemas;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contracts are read by every gateway and tool: they must not drag a framework along. */
class FrameworkFreeTest {

  @Test
  void schemasImportNoFrameworkKafkaOrServletClasses() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liaison.schemas");

    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..", "org.apache.kafka..", "jakarta.servlet..", "javax.servlet..")
        .check(classes);
  }
}
