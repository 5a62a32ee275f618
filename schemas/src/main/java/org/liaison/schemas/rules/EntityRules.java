package org.liaison.schemas.rules;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.Coordinates;
import org.liaison.schemas.avro.EntityLink;
import org.liaison.schemas.avro.Event;
import org.liaison.schemas.avro.FinancialIdentifier;
import org.liaison.schemas.avro.FinancialKind;
import org.liaison.schemas.avro.IdentityDocument;
import org.liaison.schemas.avro.Location;
import org.liaison.schemas.avro.Organisation;
import org.liaison.schemas.avro.PartialDate;
import org.liaison.schemas.avro.Person;
import org.liaison.schemas.avro.PersonName;
import org.liaison.schemas.avro.Vehicle;

/**
 * The structured entities: list sizes, ids unique across the notice, links and events that point at
 * entities the notice holds, partial dates, countries, coordinates and identifiers with check
 * digits.
 */
final class EntityRules {

  /** Earliest year of birth taken as real rather than a typing mistake. */
  private static final int EARLIEST_YEAR = 1880;

  private EntityRules() {}

  static void check(CaseNotice notice, NoticeLimits limits, Violations violations) {
    Set<String> ids = new HashSet<>();
    Set<String> locationIds = new HashSet<>();
    int max = limits.maxEntitiesPerList();
    ids("persons", notice.getPersons(), Person::getId, ids, max, violations);
    ids("organisations", notice.getOrganisations(), Organisation::getId, ids, max, violations);
    ids("locations", notice.getLocations(), Location::getId, ids, max, violations);
    notice.getLocations().forEach(l -> locationIds.add(l.getId()));
    ids("vehicles", notice.getVehicles(), Vehicle::getId, ids, max, violations);
    ids("communications", notice.getCommunications(), c -> c.getId(), ids, max, violations);
    ids(
        "financialIdentifiers",
        notice.getFinancialIdentifiers(),
        FinancialIdentifier::getId,
        ids,
        max,
        violations);
    ids("events", notice.getEvents(), Event::getId, ids, max, violations);
    violations.count("links", notice.getLinks(), max);

    for (int i = 0; i < notice.getPersons().size(); i++) {
      person("persons[" + i + "]", notice.getPersons().get(i), limits, violations);
    }
    for (int i = 0; i < notice.getOrganisations().size(); i++) {
      Organisation organisation = notice.getOrganisations().get(i);
      String path = "organisations[" + i + "]";
      violations.requiredText(path + ".name", organisation.getName(), limits.maxTextChars());
      violations.country(path + ".country", organisation.getCountry());
    }
    for (int i = 0; i < notice.getLocations().size(); i++) {
      location("locations[" + i + "]", notice.getLocations().get(i), limits, violations);
    }
    for (int i = 0; i < notice.getVehicles().size(); i++) {
      vehicle("vehicles[" + i + "]", notice.getVehicles().get(i), violations);
    }
    for (int i = 0; i < notice.getFinancialIdentifiers().size(); i++) {
      FinancialIdentifier identifier = notice.getFinancialIdentifiers().get(i);
      String path = "financialIdentifiers[" + i + "]";
      violations.country(path + ".country", identifier.getCountry());
      if (identifier.getKind() == FinancialKind.IBAN
          && !Identifiers.isIban(identifier.getValue())) {
        violations.add(
            path + ".value", RuleCode.IBAN_CHECKSUM, "the IBAN's check digits do not match");
      }
    }
    for (int i = 0; i < notice.getEvents().size(); i++) {
      Event event = notice.getEvents().get(i);
      String path = "events[" + i + "]";
      violations.requiredText(path + ".what", event.getWhat(), limits.maxTextChars());
      if (event.getWhere() != null && !locationIds.contains(event.getWhere())) {
        violations.add(
            path + ".where",
            RuleCode.UNKNOWN_ENTITY,
            "no location with id " + event.getWhere() + " in this notice");
      }
    }
    for (int i = 0; i < notice.getLinks().size(); i++) {
      link("links[" + i + "]", notice.getLinks().get(i), ids, limits, violations);
    }
  }

  private static <T> void ids(
      String list,
      List<T> items,
      Function<T, String> id,
      Set<String> seen,
      int max,
      Violations violations) {
    violations.count(list, items, max);
    for (int i = 0; i < items.size(); i++) {
      String value = id.apply(items.get(i));
      String path = list + "[" + i + "].id";
      if (value == null || value.isBlank()) {
        violations.add(path, RuleCode.ENTITY_ID_EMPTY, path + " is empty");
      } else if (!seen.add(value)) {
        violations.add(
            path, RuleCode.DUPLICATE_ENTITY_ID, "id " + value + " is used by another entity");
      }
    }
  }

  private static void person(String path, Person person, NoticeLimits limits, Violations v) {
    int max = limits.maxEntitiesPerList();
    v.count(path + ".names", person.getNames(), max);
    for (int i = 0; i < person.getNames().size(); i++) {
      PersonName name = person.getNames().get(i);
      v.requiredText(
          path + ".names[" + i + "].original", name.getOriginal(), limits.maxTextChars());
      v.optionalText(path + ".names[" + i + "].latin", name.getLatin(), limits.maxTextChars());
    }
    partialDate(path + ".dateOfBirth", person.getDateOfBirth(), v);
    v.optionalText(path + ".placeOfBirth", person.getPlaceOfBirth(), limits.maxTextChars());
    v.optionalText(path + ".description", person.getDescription(), limits.maxTextChars());
    v.count(path + ".nationalities", person.getNationalities(), max);
    for (int i = 0; i < person.getNationalities().size(); i++) {
      v.country(path + ".nationalities[" + i + "]", person.getNationalities().get(i));
    }
    v.count(path + ".documents", person.getDocuments(), max);
    for (int i = 0; i < person.getDocuments().size(); i++) {
      IdentityDocument document = person.getDocuments().get(i);
      String documentPath = path + ".documents[" + i + "]";
      v.requiredText(documentPath + ".number", document.getNumber(), limits.maxTextChars());
      v.country(documentPath + ".issuingCountry", document.getIssuingCountry());
      if (document.getIssuingCountry() == null) {
        v.add(documentPath + ".issuingCountry", RuleCode.COUNTRY_CODE, "issuing country missing");
      }
    }
    v.count(path + ".biometricReferences", person.getBiometricReferences(), max);
  }

  private static void partialDate(String path, PartialDate date, Violations v) {
    if (date == null) {
      return;
    }
    int latestYear = LocalDate.now().getYear() + 1;
    if (date.getYear() < EARLIEST_YEAR || date.getYear() > latestYear) {
      v.add(
          path + ".year",
          RuleCode.PARTIAL_DATE,
          "year outside " + EARLIEST_YEAR + ".." + latestYear);
      return;
    }
    Integer month = date.getMonth();
    Integer day = date.getDay();
    if (month == null) {
      if (day != null) {
        v.add(path + ".day", RuleCode.PARTIAL_DATE, "a day without a month");
      }
      return;
    }
    try {
      YearMonth yearMonth = YearMonth.of(date.getYear(), month);
      if (day != null) {
        yearMonth.atDay(day);
      }
    } catch (DateTimeException e) {
      v.add(path, RuleCode.PARTIAL_DATE, "no such date: " + e.getMessage());
    }
  }

  private static void location(String path, Location location, NoticeLimits limits, Violations v) {
    v.optionalText(path + ".address", location.getAddress(), limits.maxTextChars());
    v.country(path + ".country", location.getCountry());
    Coordinates coordinates = location.getCoordinates();
    if (coordinates != null
        && !(Math.abs(coordinates.getLatitude()) <= 90
            && Math.abs(coordinates.getLongitude()) <= 180)) {
      v.add(
          path + ".coordinates",
          RuleCode.COORDINATES_RANGE,
          "latitude must be within -90..90 and longitude within -180..180");
    }
  }

  private static void vehicle(String path, Vehicle vehicle, Violations v) {
    v.country(path + ".flag", vehicle.getFlag());
    if (vehicle.getImoNumber() != null && !Identifiers.isImoNumber(vehicle.getImoNumber())) {
      v.add(
          path + ".imoNumber",
          RuleCode.VESSEL_IDENTIFIER,
          "an IMO number is 7 digits whose last is a check digit, and this one does not check");
    }
    if (vehicle.getMmsi() != null && !Identifiers.isMmsi(vehicle.getMmsi())) {
      v.add(path + ".mmsi", RuleCode.VESSEL_IDENTIFIER, "an MMSI is 9 digits");
    }
  }

  private static void link(
      String path, EntityLink link, Set<String> ids, NoticeLimits limits, Violations v) {
    if (!ids.contains(link.getFrom())) {
      v.add(path + ".from", RuleCode.UNKNOWN_ENTITY, "no entity with id " + link.getFrom());
    }
    if (!ids.contains(link.getTo())) {
      v.add(path + ".to", RuleCode.UNKNOWN_ENTITY, "no entity with id " + link.getTo());
    }
    v.requiredText(path + ".relation", link.getRelation(), limits.maxTextChars());
  }
}
