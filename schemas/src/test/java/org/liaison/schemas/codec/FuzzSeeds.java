package org.liaison.schemas.codec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.examples.ExampleNotices;

/**
 * The seed corpus of {@link CaseNoticeDecodeFuzzTest}: the example notices encoded, and a few
 * hostile inputs. Committed under {@link #FOLDER}; {@link FuzzSeedsTest} fails when they drift from
 * what this class makes. To regenerate, from the repository root:
 *
 * <pre>
 * ./mvnw -q -pl schemas test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * cd schemas
 * java -cp "target/classes:target/test-classes:$(cat /tmp/cp.txt)" org.liaison.schemas.codec.FuzzSeeds
 * </pre>
 */
final class FuzzSeeds {

  static final Path FOLDER =
      Path.of(
          "src/test/resources/org/liaison/schemas/codec/CaseNoticeDecodeFuzzTestInputs",
          "decodeEitherSucceedsOrThrowsDecodeException");

  private FuzzSeeds() {}

  /** Seed file name to content, in a stable order. */
  static Map<String, byte[]> all() {
    AvroCodec<CaseNotice> codec = AvroCodec.caseNotices();
    long fingerprint = codec.currentFingerprint();
    Map<String, byte[]> seeds = new LinkedHashMap<>();
    ExampleNotices.all().forEach((name, notice) -> seeds.put(name + ".bin", codec.encode(notice)));
    seeds.put(
        "string-of-2-gb.bin",
        RawBytes.header(fingerprint).varint(1).varint(1L << 31).toByteArray());
    seeds.put(
        "bad-union-index.bin",
        RawBytes.header(fingerprint)
            .varint(1)
            .string("6f1c2a4e-8f3b-4c1d-9a57-0c2b9e4d1a10")
            .string("NL.NCB")
            .varint(1)
            .string("TH.CIB")
            .varint(0)
            .varint(Instant.parse("2026-11-20T08:15:00Z").toEpochMilli())
            .varint(7)
            .toByteArray());
    return seeds;
  }

  /** Writes the seeds into {@link #FOLDER}, relative to the working directory. */
  public static void main(String[] args) throws IOException {
    Files.createDirectories(FOLDER);
    for (Map.Entry<String, byte[]> seed : all().entrySet()) {
      Files.write(FOLDER.resolve(seed.getKey()), seed.getValue());
    }
  }
}
