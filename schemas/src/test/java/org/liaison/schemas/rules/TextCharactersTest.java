package org.liaison.schemas.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextCharactersTest {

  /** Characters on either side of every boundary the rule draws. */
  private static final char[] EDGES = {
    0x00, 0x08, '\t', '\n', 0x0B, 0x0C, '\r', 0x1F, ' ', 'a', 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0,
    0xE9, 0x0645, 0xD7FF, 0xD800, 0xDBFF, 0xDC00, 0xDFFF, 0xE000, 0xFFFD, 0xFFFF
  };

  /**
   * A String is checked by a one-pass fast path; any other CharSequence by the general loop. Both
   * give the same answer, problem and position, for random texts made of the boundary characters
   * (lone and paired surrogates, every control class, their neighbours).
   */
  @Test
  void theFastPathForStringsAgreesWithTheGeneralLoop() {
    Random random = new Random(20261206);
    int problems = 0;
    for (int round = 0; round < 200_000; round++) {
      StringBuilder text = new StringBuilder();
      int length = random.nextInt(12);
      for (int i = 0; i < length; i++) {
        text.append(
            random.nextInt(4) == 0 ? EDGES[random.nextInt(EDGES.length)] : (char) ('a' + i));
      }
      var general = TextCharacters.firstProblem(text);
      assertThat(TextCharacters.firstProblem(text.toString())).as("%s", text).isEqualTo(general);
      problems += general.isPresent() ? 1 : 0;
    }
    assertThat(problems).as("the texts hold problems and clean ones").isBetween(50_000, 150_000);
  }

  @Test
  void pairedSurrogatesTabsAndLineBreaksAreText() {
    assertThat(TextCharacters.firstProblem("Suspect 🚗\tplate\r\nالرباط")).isEmpty();
  }
}
