package org.liaison.gateway.json;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.liaison.gateway.testing.TestNotices;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.codec.DecodeLimits;
import org.liaison.schemas.rules.NoticeRules;
import org.liaison.schemas.rules.RuleViolation;
import tools.jackson.databind.node.ObjectNode;

class NoticeJsonCodecTest {

  private final NoticeJsonCodec codec = new NoticeJsonCodec(AvroCodec.caseNotices());

  @Test
  void roundTripsANoticeThroughPlainJson() {
    CaseNotice notice = TestNotices.alert("NL.NCB", "NL.ATT-BKK", "TH.CIB");

    ObjectNode json = codec.write(notice);
    NoticeJsonCodec.Read back = codec.read(json);

    assertThat(json.get("noticeId").stringValue()).isEqualTo(notice.getNoticeId().toString());
    assertThat(json.get("createdAt").stringValue()).isEqualTo(notice.getCreatedAt().toString());
    assertThat(json.get("caseReference").stringValue()).isEqualTo("NL-2026-0415");
    assertThat(back.violations()).isEmpty();
    assertThat(back.notice()).isEqualTo(notice);
  }

  @Test
  void appliesTheCodecsLimitsToJsonToo() {
    CaseNotice notice = TestNotices.alert("NL.NCB", "TH.CIB");
    ObjectNode json = codec.write(notice);
    json.put("summary", "x".repeat(2000));
    var tight =
        new NoticeJsonCodec(AvroCodec.caseNotices(DecodeLimits.defaults().withMaxInputBytes(1024)));

    NoticeJsonCodec.Read read = tight.read(json);

    assertThat(read.notice()).isNull();
    assertThat(read.violations())
        .singleElement()
        .satisfies(v -> assertThat(v.code()).startsWith("NOTICE_LIMIT_"));
  }

  @Test
  void aLoneSurrogateIsRefusedBeforeUtf8CouldReplaceIt() {
    ObjectNode json = codec.write(TestNotices.alert("NL.NCB", "TH.CIB"));
    json.put("title", "Forced labour \ud800");

    NoticeJsonCodec.Read read = codec.read(json);

    assertThat(read.notice()).isNull();
    assertThat(read.violations())
        .extracting(JsonViolation::path, JsonViolation::code)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("$.title", "INVALID_UNICODE"));
  }

  @Test
  void controlCharactersReachTheRulesUnchanged() {
    ObjectNode json = codec.write(TestNotices.alert("NL.NCB", "TH.CIB"));
    json.put("title", "Forced\u0000labour");

    NoticeJsonCodec.Read read = codec.read(json);

    assertThat(read.violations()).isEmpty();
    assertThat(NoticeRules.check(read.notice()))
        .extracting(RuleViolation::path, v -> v.code().name())
        .contains(org.assertj.core.groups.Tuple.tuple("title", "CONTROL_CHARACTER"));
  }
}
