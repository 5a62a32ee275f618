package org.liaison.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.liaison.gateway.json.JsonViolation;
import org.liaison.gateway.json.NoticeJsonCodec;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.rules.NoticeRules;
import tools.jackson.databind.node.ObjectNode;

/** The compose form made from the schema, and its values read back into the API's JSON. */
class NoticeFormTest {

  private static final Schema SCHEMA = CaseNotice.getClassSchema();
  private static final Set<String> SET_BY_GATEWAY =
      Set.of("formatVersion", "noticeId", "originator", "createdAt");
  private static final NoticeForm.Labels PLAIN =
      new NoticeForm.Labels() {
        @Override
        public String field(String name, String plain) {
          return plain;
        }

        @Override
        public String symbol(Schema type, String symbol) {
          return symbol;
        }
      };

  @Test
  void everyFieldOfTheSchemaButTheGatewaysAndTheFilesIsAnInput() {
    List<NoticeForm.Input> inputs = inputs(new FormValues(), List.of());
    List<String> expected = new ArrayList<>();
    for (Schema.Field f : SCHEMA.getFields()) {
      if (!SET_BY_GATEWAY.contains(f.name()) && !f.name().equals("attachments")) {
        expected.add(f.name());
      }
    }
    assertThat(inputs).extracting(NoticeForm.Input::name).containsExactlyElementsOf(expected);
    assertThat(kind(inputs, "title")).isEqualTo(NoticeForm.Kind.TEXT);
    assertThat(kind(inputs, "summary")).isEqualTo(NoticeForm.Kind.TEXTAREA);
    assertThat(kind(inputs, "priority")).isEqualTo(NoticeForm.Kind.SELECT);
    assertThat(kind(inputs, "expiresAt")).isEqualTo(NoticeForm.Kind.DATETIME);
    assertThat(kind(inputs, "recipients")).isEqualTo(NoticeForm.Kind.CHECKBOXES);
    assertThat(kind(inputs, "persons")).isEqualTo(NoticeForm.Kind.REPEAT);
    assertThat(kind(inputs, "trafficking")).isEqualTo(NoticeForm.Kind.GROUP);
    NoticeForm.Input title = find(inputs, "title");
    assertThat(title.required()).isTrue();
    assertThat(title.hint()).isEqualTo(SCHEMA.getField("title").doc());
    assertThat(find(inputs, "caseReference").required()).isFalse();
    assertThat(find(inputs, "priority").options())
        .extracting(NoticeForm.Option::value)
        .containsExactly("", "ROUTINE", "URGENT", "IMMEDIATE");
    assertThat(find(inputs, "recipients").options())
        .extracting(NoticeForm.Option::value)
        .containsExactly("NL.ATT-BKK", "TH.CIB");
  }

  /** A field added to the schema is in the form: nothing in the form names the notice's fields. */
  @Test
  void aSchemaOfAnotherShapeMakesItsOwnForm() {
    Schema other =
        new Schema.Parser()
            .parse(
                """
                {"type": "record", "name": "Other", "fields": [
                  {"name": "vesselName", "type": "string", "doc": "The name."},
                  {"name": "crew", "type": ["null", "int"], "default": null},
                  {"name": "sightings", "type": {"type": "array", "items": {"type": "record",
                    "name": "Sighting", "fields": [
                      {"name": "port", "type": "string"},
                      {"name": "kind", "type": {"type": "enum", "name": "K",
                        "symbols": ["AIS", "VISUAL"]}}]}}, "default": []}
                ]}""");
    FormValues values = new FormValues();
    values.set("vesselName", "Sea Star 7");
    values.set("crew", "12");
    values.set("sightings[1].port", "Songkhla");
    values.set("sightings[1].kind", "AIS");
    List<NoticeForm.Input> inputs =
        NoticeForm.inputs(other, values, Set.of(), Map.of(), List.of(), PLAIN);
    assertThat(inputs)
        .extracting(NoticeForm.Input::name)
        .containsExactly("vesselName", "crew", "sightings");
    NoticeForm.Input sightings = find(inputs, "sightings");
    assertThat(sightings.children()).hasSize(2); // row 0 blank, row 1 as given
    assertThat(sightings.children().get(1).children())
        .extracting(NoticeForm.Input::name)
        .containsExactly("sightings[1].port", "sightings[1].kind");

    ObjectNode json = NoticeForm.json(other, values, Set.of());
    // The blank row is left out, the number is a number.
    assertThat(json.toString())
        .isEqualTo(
            "{\"vesselName\":\"Sea Star 7\",\"crew\":12,"
                + "\"sightings\":[{\"port\":\"Songkhla\",\"kind\":\"AIS\"}]}");
  }

  @Test
  void theFormsValuesMakeANoticeThatPassesTheSameChecksAsTheApis() {
    FormValues values = new FormValues();
    values.add("recipients", "TH.CIB");
    values.add("recipients", "NL.ATT-BKK");
    values.set("noticeType", "TRAFFICKING_ALERT");
    values.set("priority", "URGENT");
    values.set("classification", "RESTRICTED");
    values.set("handlingCode", "H2");
    values.set("sourceReliability", "B");
    values.set("informationAssessment", "KNOWN_TO_SOURCE");
    values.set("language", "en");
    values.set("title", "Crew held on Sea Star 7");
    values.set("summary", "Fishers recruited in Bangkok are held at sea.");
    values.set("expiresAt", "2027-03-01T12:30");
    values.set("persons[0].id", "p1");
    values.set("persons[0].role", "VICTIM");
    values.set("persons[0].names[0].kind", "PRIMARY");
    values.set("persons[0].names[0].original", "สมชาย ใจดี");
    values.set("persons[0].names[0].latin", "Somchai Jaidee");
    values.add("persons[0].nationalities", "TH");
    values.set("persons[0].dateOfBirth.year", "1990");
    values.add("trafficking.forms", "FORCED_LABOUR");
    values.add("trafficking.sectors", "FISHING_AND_SEA");
    values.set("trafficking.victimCount", "14");

    ObjectNode json = NoticeForm.json(SCHEMA, values, SET_BY_GATEWAY);
    json.put("noticeId", "3b1d9c6e-9c1a-4a51-8a0e-2f0d3c1b7a10");
    json.put("createdAt", "2026-12-05T10:00:00Z");
    json.put("originator", "NL.NCB");
    json.put("formatVersion", 1);
    var read = new NoticeJsonCodec(AvroCodec.caseNotices()).read(json);
    assertThat(read.violations()).isEmpty();
    CaseNotice notice = read.notice();
    assertThat(NoticeRules.check(notice)).isEmpty();
    assertThat(notice.getExpiresAt()).hasToString("2027-03-01T12:30:00Z");
    assertThat(notice.getPersons().get(0).getNames().get(0).getLatin()).isEqualTo("Somchai Jaidee");
    assertThat(notice.getPersons().get(0).getDateOfBirth().getYear()).isEqualTo(1990);
    assertThat(notice.getTrafficking().getVictimCount()).isEqualTo(14);

    // And back: the same values, so that the form shows what it sent.
    FormValues back = NoticeForm.values(SCHEMA, json);
    assertThat(NoticeForm.json(SCHEMA, back, SET_BY_GATEWAY))
        .isEqualTo(NoticeForm.json(SCHEMA, values, SET_BY_GATEWAY));
    assertThat(back.first("expiresAt")).isEqualTo("2027-03-01T12:30");
  }

  @Test
  void aMistypedNumberReachesTheCheckAndItsViolationStandsBesideItsInput() {
    FormValues values = new FormValues();
    values.set("trafficking.victimCount", "about twelve");
    values.set("persons[0].id", "p1");
    ObjectNode json = NoticeForm.json(SCHEMA, values, SET_BY_GATEWAY);
    assertThat(json.get("trafficking").get("victimCount").asString()).isEqualTo("about twelve");

    List<JsonViolation> violations =
        List.of(
            new JsonViolation("$.trafficking.victimCount", "JSON_TYPE", "must be a whole number"),
            new JsonViolation("$.title", "JSON_REQUIRED", "a value is required"),
            new JsonViolation("$.recipients[1]", "UNKNOWN_RECIPIENT", "no certificate"),
            new JsonViolation("$.persons[0].names", "ENTITY_NAME_REQUIRED", "a name"),
            new JsonViolation("$", "NOTICE_LIMIT_SIZE", "too large"));
    List<NoticeForm.Input> inputs = inputs(values, violations);
    NoticeForm.Input count =
        find(find(inputs, "trafficking").children(), "trafficking.victimCount");
    assertThat(count.value()).isEqualTo("about twelve");
    assertThat(count.problems()).extracting(NoticeForm.Problem::code).containsExactly("JSON_TYPE");
    assertThat(find(inputs, "title").problems())
        .extracting(NoticeForm.Problem::code)
        .containsExactly("JSON_REQUIRED");
    assertThat(find(inputs, "recipients").problems())
        .extracting(NoticeForm.Problem::code)
        .containsExactly("UNKNOWN_RECIPIENT");

    List<NoticeForm.Summary> summary = NoticeForm.summary(violations, inputs);
    assertThat(summary)
        .extracting(NoticeForm.Summary::target)
        .containsExactly(
            "f-trafficking-victimCount", "f-title", "f-recipients", "f-persons-0-names", null);
  }

  @Test
  void aRemovedRowTakesItsValuesWithItAndTheLaterRowsMoveUp() {
    FormValues values = new FormValues();
    values.set("persons[0].id", "p1");
    values.set("persons[1].id", "p2");
    values.set("persons[1].names[0].original", "Two");
    values.set("persons[2].id", "p3");
    values.setRows("persons[1].names", 1);
    values.removeRow("persons", 1);
    assertThat(values.rows("persons")).isEqualTo(2);
    assertThat(values.first("persons[0].id")).isEqualTo("p1");
    assertThat(values.first("persons[1].id")).isEqualTo("p3");
    assertThat(values.first("persons[1].names[0].original")).isNull();
    assertThat(values.rows("persons[1].names")).isZero();
  }

  @Test
  void linesOfATextareaAreTheItemsOfAList() {
    FormValues values =
        FormValues.of(
            Map.of(
                "persons[0].nationalities", new String[] {"TH\r\n\r\n MM \n"},
                "title", new String[] {"A\nB"}),
            List.of("persons.nationalities"));
    assertThat(values.all("persons[0].nationalities")).containsExactly("TH", "MM");
    assertThat(values.all("title")).containsExactly("A\nB");
  }

  private static List<NoticeForm.Input> inputs(FormValues values, List<JsonViolation> violations) {
    return NoticeForm.inputs(
        SCHEMA,
        values,
        SET_BY_GATEWAY,
        Map.of("recipients", List.of("NL.ATT-BKK", "TH.CIB")),
        violations,
        PLAIN);
  }

  private static NoticeForm.Kind kind(List<NoticeForm.Input> inputs, String name) {
    return find(inputs, name).kind();
  }

  private static NoticeForm.Input find(List<NoticeForm.Input> inputs, String name) {
    return inputs.stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }
}
