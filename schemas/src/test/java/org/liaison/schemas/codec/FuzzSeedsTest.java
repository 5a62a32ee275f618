package org.liaison.schemas.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.liaison.schemas.examples.ExampleNotices;

/**
 * The committed seed corpus is what {@link FuzzSeeds} makes today, so that the fuzz test's
 * regression run exercises the current examples and not stale bytes.
 */
class FuzzSeedsTest {

  private static final String RESOURCES =
      "org/liaison/schemas/codec/CaseNoticeDecodeFuzzTestInputs/"
          + "decodeEitherSucceedsOrThrowsDecodeException/";

  @Test
  void committedSeedsMatchTheGenerator() throws IOException {
    for (Map.Entry<String, byte[]> seed : FuzzSeeds.all().entrySet()) {
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream(RESOURCES + seed.getKey())) {
        assertThat(in).as("seed %s is committed (run FuzzSeeds.main)", seed.getKey()).isNotNull();
        assertThat(in.readAllBytes())
            .as("seed %s is current (run FuzzSeeds.main)", seed.getKey())
            .isEqualTo(seed.getValue());
      }
    }
  }

  @Test
  void exampleSeedsDecodeSoTheRegressionRunReachesTheWholeDecoder() {
    ExampleNotices.all()
        .forEach(
            (name, notice) ->
                assertThat(AvroCodec.caseNotices().decode(FuzzSeeds.all().get(name + ".bin")))
                    .isEqualTo(notice));
  }
}
