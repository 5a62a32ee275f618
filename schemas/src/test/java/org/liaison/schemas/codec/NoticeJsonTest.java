package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.examples.ExampleNotices;

class NoticeJsonTest {

  @Test
  void readsTheExampleAsTheCommandLineWouldBeGivenIt() {
    CaseNotice notice = NoticeJson.read(ExampleNotices.json("trafficking-alert"));

    assertThat(notice.getCaseReference()).isEqualTo("NL-NCB-2026-04417");
    assertThat(notice.getPersons().get(2).getDocuments().get(0).getExpiresOn())
        .hasToString("2029-05-01");
  }

  @Test
  void writesWhatItReads() {
    CaseNotice notice = ExampleNotices.missingPerson();

    assertThat(NoticeJson.read(NoticeJson.write(notice))).isEqualTo(notice);
  }

  @Test
  void refusesJsonThatIsNoNotice() {
    assertThatThrownBy(() -> NoticeJson.read("{\"formatVersion\": 1}"))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeReason.MALFORMED));
    assertThatThrownBy(() -> NoticeJson.read("not json at all"))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeReason.MALFORMED));
  }

  @Test
  void refusesJsonOverTheInputLimit() {
    String json = ExampleNotices.json("missing-person");
    DecodeLimits limits = DecodeLimits.defaults().withMaxInputBytes(json.length() - 1);

    assertThatThrownBy(() -> NoticeJson.read(json, limits))
        .isInstanceOfSatisfying(
            DecodeException.class, e -> assertThat(e.reason()).isEqualTo(DecodeReason.TOO_LARGE));
  }
}
