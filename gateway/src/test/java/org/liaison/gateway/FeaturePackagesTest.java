package org.liaison.gateway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The gateway is packaged by feature; features may use each other but never in a circle, so that
 * each can be understood, tested and replaced from its own package.
 */
class FeaturePackagesTest {

  @Test
  void featuresDependOnEachOtherWithoutCycles() {
    JavaClasses gateway =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.liaison.gateway");

    slices().matching("org.liaison.gateway.(*)..").should().beFreeOfCycles().check(gateway);
  }
}
