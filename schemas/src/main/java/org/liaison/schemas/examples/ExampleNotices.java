package org.liaison.schemas.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.NoticeJson;

/**
 * The example notices. Each call reads the resource again and returns a new notice, because Avro
 * records are mutable and callers change them to build variants.
 */
public final class ExampleNotices {

  private static final String FOLDER = "org/liaison/schemas/examples/";

  private ExampleNotices() {}

  /**
   * NL.NCB to its attaché in Bangkok (NL.ATT-BKK) and to TH.CIB: forced labour of a Thai crew on a
   * fishing vessel, with names in Thai script and Latin transliteration, the vessel's IMO and MMSI
   * numbers, the recruiter's account and a crew list attached.
   */
  public static CaseNotice traffickingAlert() {
    return load("trafficking-alert.json");
  }

  /**
   * NL.NCB to TH.CIB and NL.ATT-BKK, in the same thread: trace the proceeds through an IBAN, a card
   * and a crypto-asset address, under handling code H3.
   */
  public static CaseNotice assetTracingRequest() {
    return load("asset-tracing-request.json");
  }

  /**
   * NL.NCB to TH.CIB and NL.ATT-BKK: a young Dutch woman missing in Thailand, in Dutch with English
   * and Thai translations, with a photograph attached.
   */
  public static CaseNotice missingPerson() {
    return load("missing-person.json");
  }

  /** Every example by its resource name, in a stable order. */
  public static Map<String, CaseNotice> all() {
    Map<String, CaseNotice> all = new LinkedHashMap<>();
    all.put("trafficking-alert", traffickingAlert());
    all.put("asset-tracing-request", assetTracingRequest());
    all.put("missing-person", missingPerson());
    return all;
  }

  /** The JSON text of an example, as a user would hand it to the command line. */
  public static String json(String name) {
    String resource = FOLDER + name + (name.endsWith(".json") ? "" : ".json");
    try (InputStream in = ExampleNotices.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no example notice " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read example notice " + resource, e);
    }
  }

  private static CaseNotice load(String name) {
    return NoticeJson.read(json(name));
  }
}
