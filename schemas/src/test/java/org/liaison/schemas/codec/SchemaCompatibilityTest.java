package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.Receipt;

/**
 * Every released version of a contract and the current one can read each other's data, both ways,
 * so that gateways of different releases keep talking; and the current schema is a released one, so
 * that a change to a contract cannot ship without a new released version.
 */
class SchemaCompatibilityTest {

  @ParameterizedTest
  @ValueSource(strings = {"CaseNotice", "Receipt", "DirectoryEntry"})
  void everyPairOfVersionsIsCompatibleBothWays(String name) {
    List<Schema> versions = new ArrayList<>();
    ReleasedSchemas.of(name).forEach(v -> versions.add(v.schema()));
    versions.add(current(name));

    assertThat(incompatibilities(versions)).isEmpty();
  }

  @Test
  void theCheckCatchesAnIncompatibleVersion() throws IOException {
    List<Schema> versions = new ArrayList<>();
    ReleasedSchemas.of("CaseNotice").forEach(v -> versions.add(v.schema()));
    versions.add(fixture("org/liaison/schemas/incompatible/CaseNotice-incompatible.avsc"));

    List<String> problems = incompatibilities(versions);

    // The fixture adds a required field without a default, drops the required field language and
    // the priority IMMEDIATE: neither version can read the other's data.
    assertThat(problems)
        .anyMatch(p -> p.startsWith("reader 1 / writer 0") && p.contains("reviewedBy"))
        .anyMatch(p -> p.startsWith("reader 1 / writer 0") && p.contains("IMMEDIATE"))
        .anyMatch(p -> p.startsWith("reader 0 / writer 1") && p.contains("language"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"CaseNotice", "Receipt", "DirectoryEntry"})
  void theCurrentSchemaIsTheNewestReleasedVersion(String name) {
    List<ReleasedSchemas.Version> released = ReleasedSchemas.of(name);
    ReleasedSchemas.Version newest = released.get(released.size() - 1);

    assertThat(ReleasedSchemas.fingerprint(current(name)))
        .as(
            "src/main/avro/%s.avsc differs from %s: release it as version %d",
            name, newest.resource(), newest.number() + 1)
        .isEqualTo(newest.fingerprint());
  }

  @ParameterizedTest
  @ValueSource(strings = {"CaseNotice", "Receipt", "DirectoryEntry"})
  void releasedVersionsAreDistinct(String name) {
    List<ReleasedSchemas.Version> released = ReleasedSchemas.of(name);

    assertThat(released.stream().map(ReleasedSchemas.Version::fingerprint).distinct())
        .hasSameSizeAs(released);
  }

  /** Each incompatibility between two of {@code versions}, in both directions, in words. */
  static List<String> incompatibilities(List<Schema> versions) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < versions.size(); i++) {
      for (int j = 0; j < versions.size(); j++) {
        if (i == j) {
          continue;
        }
        var result =
            SchemaCompatibility.checkReaderWriterCompatibility(versions.get(i), versions.get(j))
                .getResult();
        for (var inc : result.getIncompatibilities()) {
          problems.add(
              "reader %d / writer %d: %s at %s %s"
                  .formatted(i, j, inc.getType(), inc.getLocation(), inc.getMessage()));
        }
      }
    }
    return problems;
  }

  private static Schema current(String name) {
    return switch (name) {
      case "CaseNotice" -> CaseNotice.getClassSchema();
      case "Receipt" -> Receipt.getClassSchema();
      case "DirectoryEntry" -> DirectoryEntry.getClassSchema();
      default -> throw new IllegalArgumentException(name);
    };
  }

  private static Schema fixture(String resource) throws IOException {
    try (InputStream in =
        SchemaCompatibilityTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new Schema.Parser().parse(in);
    }
  }
}
