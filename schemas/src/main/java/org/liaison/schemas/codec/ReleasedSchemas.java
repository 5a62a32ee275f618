package org.liaison.schemas.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

/**
 * The released versions of a schema, compiled in as resources {@code
 * org/liaison/schemas/released/<Name>-v<n>.avsc}, numbered from 1 without gaps (the first missing
 * number ends the list). A released file is never edited: gateways of every release must keep
 * reading what the others write.
 *
 * <p>To change a contract: edit {@code src/main/avro/<Name>.avsc} (new fields optional with a
 * default, enums grown at the end), copy it to {@code released/<Name>-v<n+1>.avsc}, and run the
 * build. {@code SchemaCompatibilityTest} then proves every pair of versions compatible both ways,
 * and fails if the current schema is not the newest released one. Changing only {@code doc} text
 * needs no new version: the fingerprint covers the parsing canonical form, which has no docs.
 */
public final class ReleasedSchemas {

  private static final String FOLDER = "org/liaison/schemas/released/";

  /** One released version of the schema called {@code name}. */
  public record Version(String name, int number, Schema schema, long fingerprint) {

    /** The resource that holds this version. */
    public String resource() {
      return resourceOf(name, number);
    }
  }

  private ReleasedSchemas() {}

  /** Every released version of {@code name} (such as {@code CaseNotice}), oldest first. */
  public static List<Version> of(String name) {
    List<Version> versions = new ArrayList<>();
    ClassLoader loader = ReleasedSchemas.class.getClassLoader();
    for (int number = 1; ; number++) {
      String resource = resourceOf(name, number);
      try (InputStream in = loader.getResourceAsStream(resource)) {
        if (in == null) {
          break;
        }
        Schema schema =
            new Schema.Parser().parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        versions.add(new Version(name, number, schema, fingerprint(schema)));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read released schema " + resource, e);
      }
    }
    if (versions.isEmpty()) {
      throw new IllegalStateException("no released version of schema " + name + " in " + FOLDER);
    }
    return List.copyOf(versions);
  }

  /** The CRC-64-AVRO fingerprint of the schema's parsing canonical form, as written on the wire. */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  private static String resourceOf(String name, int number) {
    return FOLDER + name + "-v" + number + ".avsc";
  }
}
