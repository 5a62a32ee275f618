package org.liaison.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.liaison.schemas.avro.Attachment;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.EntityLink;
import org.liaison.schemas.avro.HandlingCode;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.PartialDate;
import org.liaison.schemas.avro.Translation;
import org.liaison.schemas.examples.ExampleNotices;
import org.liaison.schemas.testing.Notices;

class NoticeRulesTest {

  @ParameterizedTest
  @ValueSource(strings = {"trafficking-alert", "asset-tracing-request", "missing-person"})
  void theExamplesFollowEveryRule(String name) {
    assertThat(NoticeRules.check(ExampleNotices.all().get(name))).isEmpty();
  }

  @Test
  void theMinimalNoticeFollowsEveryRule() {
    assertThat(NoticeRules.check(Notices.minimal().build())).isEmpty();
  }

  /** One case per code: a change to a valid notice, the code and path it must produce. */
  static Stream<Arguments> violations() {
    return Stream.of(
        refused(RuleCode.FORMAT_VERSION, "formatVersion", n -> n.setFormatVersion(2)),
        refused(RuleCode.UNIT_ID_FORMAT, "originator", n -> n.setOriginator("nl.ncb")),
        refused(
            RuleCode.UNIT_ID_FORMAT,
            "recipients[1]",
            n -> n.setRecipients(List.of("TH.CIB", "XX.CIB"))),
        refused(RuleCode.NO_RECIPIENT, "recipients", n -> n.setRecipients(List.of())),
        refused(
            RuleCode.DUPLICATE_RECIPIENT,
            "recipients[2]",
            n -> n.setRecipients(List.of("TH.CIB", "NL.ATT-BKK", "TH.CIB"))),
        refused(
            RuleCode.ORIGINATOR_IS_RECIPIENT,
            "recipients[1]",
            n -> n.setRecipients(List.of("TH.CIB", "NL.NCB"))),
        refused(
            RuleCode.EXPIRY_BEFORE_CREATION,
            "expiresAt",
            n -> n.setExpiresAt(n.getCreatedAt().minusSeconds(1))),
        refused(
            RuleCode.EXPIRY_BEFORE_CREATION, "expiresAt", n -> n.setExpiresAt(n.getCreatedAt())),
        refused(
            RuleCode.H3_WITHOUT_TEXT,
            "handlingRestrictions",
            n -> {
              n.setHandlingCode(HandlingCode.H3);
              n.setHandlingRestrictions("  ");
            }),
        refused(
            RuleCode.CANCELLATION_WITHOUT_TARGET,
            "inReplyTo",
            n -> n.setNoticeType(NoticeType.CANCELLATION)),
        refused(RuleCode.REPLY_TO_SELF, "inReplyTo", n -> n.setInReplyTo(n.getNoticeId())),
        refused(RuleCode.TRAFFICKING_WITHOUT_DETAILS, "trafficking", n -> n.setTrafficking(null)),
        refused(RuleCode.LANGUAGE_TAG, "language", n -> n.setLanguage("english")),
        refused(RuleCode.LANGUAGE_TAG, "language", n -> n.setLanguage("en_GB")),
        refused(
            RuleCode.LANGUAGE_TAG,
            "translations[0].language",
            n -> n.setTranslations(List.of(translation("th-")))),
        refused(
            RuleCode.DUPLICATE_LANGUAGE,
            "translations[0].language",
            n -> n.setTranslations(List.of(translation("EN")))),
        refused(RuleCode.TEXT_EMPTY, "title", n -> n.setTitle(" ")),
        refused(RuleCode.TEXT_TOO_LONG, "summary", n -> n.setSummary("x".repeat(20_001))),
        refused(RuleCode.TEXT_TOO_LONG, "title", n -> n.setTitle("x".repeat(201))),
        refused(RuleCode.CONTROL_CHARACTER, "title", n -> n.setTitle("Alert\u0000")),
        refused(RuleCode.CONTROL_CHARACTER, "caseReference", n -> n.setCaseReference("C\u001b[2J")),
        refused(RuleCode.CONTROL_CHARACTER, "summary", n -> n.setSummary("next\u0085line")),
        refused(
            RuleCode.CONTROL_CHARACTER,
            "events[0].what",
            n -> n.getEvents().get(0).setWhat("\u007f")),
        refused(RuleCode.INVALID_UNICODE, "title", n -> n.setTitle("Alert \ud800")),
        refused(RuleCode.INVALID_UNICODE, "summary", n -> n.setSummary("\udc00 reversed \ud83d")),
        refused(RuleCode.TOO_MANY, "recipients", n -> n.setRecipients(units(51))),
        refused(RuleCode.ENTITY_ID_EMPTY, "events[0].id", n -> n.getEvents().get(0).setId("")),
        refused(
            RuleCode.DUPLICATE_ENTITY_ID, "events[0].id", n -> n.getEvents().get(0).setId("p1")),
        refused(
            RuleCode.UNKNOWN_ENTITY,
            "links[0].to",
            n -> n.getLinks().set(0, new EntityLink("p3", "o9", "runs"))),
        refused(
            RuleCode.UNKNOWN_ENTITY, "events[0].where", n -> n.getEvents().get(0).setWhere("p1")),
        refused(
            RuleCode.PARTIAL_DATE,
            "persons[0].dateOfBirth.day",
            n -> n.getPersons().get(0).setDateOfBirth(new PartialDate(1998, null, 3))),
        refused(
            RuleCode.PARTIAL_DATE,
            "persons[0].dateOfBirth",
            n -> n.getPersons().get(0).setDateOfBirth(new PartialDate(1998, 2, 30))),
        refused(
            RuleCode.PARTIAL_DATE,
            "persons[0].dateOfBirth",
            n -> n.getPersons().get(0).setDateOfBirth(new PartialDate(1998, 13, null))),
        refused(
            RuleCode.PARTIAL_DATE,
            "persons[0].dateOfBirth.year",
            n -> n.getPersons().get(0).setDateOfBirth(new PartialDate(198, null, null))),
        refused(
            RuleCode.COUNTRY_CODE,
            "persons[0].nationalities[0]",
            n -> n.getPersons().get(0).setNationalities(List.of("THA"))),
        refused(
            RuleCode.COUNTRY_CODE, "vehicles[0].flag", n -> n.getVehicles().get(0).setFlag("XX")),
        refused(
            RuleCode.COORDINATES_RANGE,
            "locations[0].coordinates",
            n -> n.getLocations().get(0).getCoordinates().setLatitude(91.0)),
        refused(
            RuleCode.COORDINATES_RANGE,
            "locations[0].coordinates",
            n -> n.getLocations().get(0).getCoordinates().setLongitude(Double.NaN)),
        refused(
            RuleCode.VESSEL_IDENTIFIER,
            "vehicles[0].imoNumber",
            n -> n.getVehicles().get(0).setImoNumber("8714268")),
        refused(
            RuleCode.VESSEL_IDENTIFIER,
            "vehicles[0].mmsi",
            n -> n.getVehicles().get(0).setMmsi("56700441")),
        refused(
            RuleCode.IBAN_CHECKSUM,
            "financialIdentifiers[0].value",
            n -> {
              n.getFinancialIdentifiers()
                  .get(0)
                  .setKind(org.liaison.schemas.avro.FinancialKind.IBAN);
              n.getFinancialIdentifiers().get(0).setValue("NL03ABNA0123456789");
            }),
        refused(
            RuleCode.ATTACHMENT_DIGEST_MISMATCH,
            "attachments[0].sha256",
            n -> n.getAttachments().get(0).getSha256().bytes()[0] ^= 1),
        refused(
            RuleCode.ATTACHMENT_SIZE_MISMATCH,
            "attachments[0].size",
            n -> n.getAttachments().get(0).setSize(n.getAttachments().get(0).getSize() + 1)),
        refused(
            RuleCode.ATTACHMENT_TOO_LARGE,
            "attachments[0].content",
            n -> n.getAttachments().set(0, attachment(4 * 1024 * 1024 + 1))),
        refused(
            RuleCode.ATTACHMENT_TOO_LARGE,
            "attachments",
            n ->
                n.setAttachments(
                    List.of(
                        attachment(3 * 1024 * 1024),
                        attachment(3 * 1024 * 1024),
                        attachment(3 * 1024 * 1024)))));
  }

  @ParameterizedTest(name = "{0} at {1}")
  @MethodSource("violations")
  void refusesWithItsCode(RuleCode code, String path, Consumer<CaseNotice> change) {
    CaseNotice notice = ExampleNotices.traffickingAlert();
    change.accept(notice);

    List<RuleViolation> violations = NoticeRules.check(notice);

    assertThat(violations).extracting(RuleViolation::code).containsExactly(code);
    assertThat(violations).extracting(RuleViolation::path).containsExactly(path);
  }

  @Test
  void everyCodeHasACase() {
    Set<RuleCode> covered =
        violations().map(a -> (RuleCode) a.get()[0]).collect(Collectors.toSet());

    assertThat(covered).isEqualTo(EnumSet.allOf(RuleCode.class));
  }

  @Test
  void tabsLineBreaksAndCharactersBeyondTheBasicPlaneAreText() {
    CaseNotice notice = Notices.minimal().build();
    notice.setSummary("Line one\r\n\tindented \uD83D\uDEA2 (a ship), \u0E44\u0E17\u0E22");

    assertThat(NoticeRules.check(notice)).isEmpty();
  }

  @Test
  void reportsEveryViolationAtOnce() {
    CaseNotice notice = ExampleNotices.traffickingAlert();
    notice.setOriginator("NL");
    notice.setRecipients(List.of("TH.CIB", "TH.CIB"));
    notice.setLanguage("");
    notice.getAttachments().get(0).setSize(1);

    assertThat(NoticeRules.check(notice))
        .extracting(RuleViolation::code)
        .containsExactlyInAnyOrder(
            RuleCode.UNIT_ID_FORMAT,
            RuleCode.DUPLICATE_RECIPIENT,
            RuleCode.LANGUAGE_TAG,
            RuleCode.ATTACHMENT_SIZE_MISMATCH);
  }

  @Test
  void requireValidThrowsWithEveryViolation() {
    CaseNotice notice = ExampleNotices.traffickingAlert();
    notice.setRecipients(List.of());
    notice.setTitle("");

    assertThatThrownBy(() -> NoticeRules.requireValid(notice))
        .isInstanceOfSatisfying(
            NoticeRuleException.class,
            e ->
                assertThat(e.violations())
                    .extracting(RuleViolation::code)
                    .containsExactly(RuleCode.NO_RECIPIENT, RuleCode.TEXT_EMPTY))
        .hasMessageContaining("NO_RECIPIENT at recipients");
  }

  @Test
  void messagesNeverQuoteTheNoticesText() {
    CaseNotice notice = ExampleNotices.traffickingAlert();
    String secret = "Somchai is hiding at the second pier";
    notice.setTitle(secret + "x".repeat(300));

    assertThat(NoticeRules.check(notice))
        .allSatisfy(v -> assertThat(v.message()).doesNotContain("Somchai"));
  }

  @Test
  void limitsCanBeTightened() {
    NoticeLimits d = NoticeLimits.defaults();
    NoticeLimits oneRecipient =
        new NoticeLimits(
            1,
            d.maxTitleChars(),
            d.maxSummaryChars(),
            d.maxTextChars(),
            d.maxTranslations(),
            d.maxEntitiesPerList(),
            d.maxAttachments(),
            d.maxAttachmentBytes(),
            d.maxTotalAttachmentBytes());

    assertThat(NoticeRules.check(ExampleNotices.traffickingAlert(), oneRecipient))
        .extracting(RuleViolation::code)
        .containsExactly(RuleCode.TOO_MANY);
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new NoticeLimits(0, 1, 1, 1, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new NoticeLimits(1, 1, 1, 1, 1, 1, 1, 2, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Arguments refused(RuleCode code, String path, Consumer<CaseNotice> change) {
    return Arguments.of(code, path, change);
  }

  private static Translation translation(String language) {
    return new Translation(language, "title", "summary");
  }

  private static List<String> units(int count) {
    List<String> units = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      units.add("TH.U" + String.format("%03d", i));
    }
    return units;
  }

  private static Attachment attachment(int size) {
    byte[] content = new byte[size];
    byte[] digest;
    try {
      digest = java.security.MessageDigest.getInstance("SHA-256").digest(content);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return new Attachment(
        "blank.bin",
        "application/octet-stream",
        (long) size,
        new org.liaison.schemas.avro.Sha256(digest),
        ByteBuffer.wrap(content));
  }
}
