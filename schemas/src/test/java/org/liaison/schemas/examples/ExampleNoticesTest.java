package org.liaison.schemas.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.ExploitationForm;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Sector;
import org.liaison.schemas.avro.VehicleKind;
import org.liaison.schemas.codec.NoticeJson;

class ExampleNoticesTest {

  @Test
  void traffickingAlertHasTheShapeTheOtherModulesRelyOn() {
    CaseNotice notice = ExampleNotices.traffickingAlert();

    assertThat(notice.getNoticeType()).isEqualTo(NoticeType.TRAFFICKING_ALERT);
    assertThat(notice.getOriginator()).isEqualTo("NL.NCB");
    assertThat(notice.getRecipients()).containsExactly("NL.ATT-BKK", "TH.CIB");
    assertThat(notice.getTrafficking().getForms()).containsExactly(ExploitationForm.FORCED_LABOUR);
    assertThat(notice.getTrafficking().getSectors()).containsExactly(Sector.FISHING_AND_SEA);
    assertThat(notice.getPersons().get(0).getNames().get(0).getOriginal()).isEqualTo("สมชาย ใจดี");
    assertThat(notice.getPersons().get(0).getNames().get(0).getLatin()).isEqualTo("Somchai Jaidee");
    assertThat(notice.getVehicles().get(0).getKind()).isEqualTo(VehicleKind.VESSEL);
    assertThat(notice.getVehicles().get(0).getImoNumber()).isEqualTo("8714267");
    assertThat(notice.getFinancialIdentifiers()).isNotEmpty();
    assertThat(notice.getAttachments()).hasSize(1);
  }

  @Test
  void theOtherExamplesAreWhatTheirNamesSay() {
    assertThat(ExampleNotices.assetTracingRequest().getNoticeType())
        .isEqualTo(NoticeType.ASSET_TRACING);
    assertThat(ExampleNotices.missingPerson().getNoticeType()).isEqualTo(NoticeType.MISSING_PERSON);
    assertThat(ExampleNotices.all()).hasSize(3);
  }

  @Test
  void eachCallGivesANewNoticeSoThatCallersMayChangeIt() {
    CaseNotice first = ExampleNotices.traffickingAlert();
    first.setRecipients(List.of("DE.BKA"));

    assertThat(ExampleNotices.traffickingAlert().getRecipients()).contains("TH.CIB");
  }

  @Test
  void jsonRoundTripsThroughNoticeJson() {
    for (CaseNotice notice : ExampleNotices.all().values()) {
      assertThat(NoticeJson.read(NoticeJson.write(notice))).isEqualTo(notice);
    }
  }
}
