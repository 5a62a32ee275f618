package org.liaison.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.PersonRole;

class AvroTrustTest {

  @Test
  void trustsOurGeneratedClassesOnly() {
    assertThat(AvroTrust.isOurGeneratedClass(CaseNotice.class)).isTrue();
    assertThat(AvroTrust.isOurGeneratedClass(PersonRole.class)).isTrue();
    assertThat(AvroTrust.isOurGeneratedClass(UnitId.class)).isFalse();
    assertThat(AvroTrust.isOurGeneratedClass(java.io.File.class)).isFalse();
  }

  @Test
  void leavesOtherClassesRefusedByAvro() {
    AvroTrust.install();
    AvroTrust.install();

    ClassSecurityValidator.validate(CaseNotice.class);
    assertThatThrownBy(() -> ClassSecurityValidator.validate(UnitId.class))
        .isInstanceOf(SecurityException.class);
  }
}
