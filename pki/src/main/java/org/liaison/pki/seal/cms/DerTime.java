package org.liaison.pki.seal.cms;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.liaison.pki.seal.cms.DerReader.Malformed;
import org.liaison.pki.seal.cms.DerReader.Tlv;

/**
 * A CMS signing time (UTCTime or GeneralizedTime) read strictly in its DER form: UTC ("Z"), with
 * seconds, every field in range; a GeneralizedTime may have fractional seconds (without trailing
 * zeros), kept to the millisecond as Bouncy Castle's {@code Time.getDate()} did.
 *
 * <p>Why not Bouncy Castle's {@code Time}: it parses with a new {@code SimpleDateFormat} each time,
 * which showed in the profile of opening, and it is lenient (a 13th month rolls into the next
 * year).
 */
public final class DerTime {

  private DerTime() {}

  public static Instant parse(Tlv t) throws Malformed {
    if (t.constructed()) {
      throw new Malformed("a constructed time");
    }
    byte[] b = t.buf();
    int p = t.valueStart();
    int n = t.length();
    int year;
    if (t.tag() == DerReader.UTC_TIME) {
      if (n != 13 || b[p + 12] != 'Z') {
        throw new Malformed("UTCTime not in the form YYMMDDHHMMSSZ");
      }
      int yy = digits(b, p, 2);
      year = yy < 50 ? 2000 + yy : 1900 + yy;
      p += 2;
    } else if (t.tag() == DerReader.GENERALIZED_TIME) {
      if (n < 15 || b[p + n - 1] != 'Z') {
        throw new Malformed("GeneralizedTime not in the form YYYYMMDDHHMMSS[.f]Z");
      }
      year = digits(b, p, 4);
      p += 4;
    } else {
      throw new Malformed("neither UTCTime nor GeneralizedTime");
    }
    int month = digits(b, p, 2);
    int day = digits(b, p + 2, 2);
    int hour = digits(b, p + 4, 2);
    int minute = digits(b, p + 6, 2);
    int second = digits(b, p + 8, 2);
    p += 10;
    int nanos = 0;
    int zulu = t.end() - 1;
    if (p < zulu) {
      // Only a GeneralizedTime gets here: ".f…" with at least one digit, no trailing zero.
      if (b[p] != '.' || zulu - p < 2 || b[zulu - 1] == '0') {
        throw new Malformed("fractional seconds not in DER form");
      }
      int scale = 100_000_000;
      for (int i = p + 1; i < zulu; i++) {
        int d = digit(b[i]);
        if (scale >= 1_000_000) {
          nanos += d * scale;
        }
        scale /= 10;
      }
    }
    try {
      return LocalDateTime.of(year, month, day, hour, minute, second, nanos)
          .toInstant(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      throw new Malformed("time out of range: " + e.getMessage());
    }
  }

  /**
   * Whether {@code b[from..to)} is the content of a time in its strict DER form ({@code
   * YYMMDDHHMMSSZ}, or {@code YYYYMMDDHHMMSSZ} for a GeneralizedTime) naming a real date and time.
   * Allocates nothing; any time Bouncy Castle's parser would refuse is not canonical.
   */
  static boolean canonical(byte[] b, int tag, int from, int to) {
    int n = to - from;
    for (int i = from; i < to - 1; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return false;
      }
    }
    int year;
    int p = from;
    if (tag == DerReader.UTC_TIME && n == 13) {
      int yy = value(b, p, 2);
      year = yy < 50 ? 2000 + yy : 1900 + yy;
      p += 2;
    } else if (tag == DerReader.GENERALIZED_TIME && n == 15) {
      year = value(b, p, 4);
      p += 4;
    } else {
      return false;
    }
    if (b[to - 1] != 'Z') {
      return false;
    }
    int month = value(b, p, 2);
    int day = value(b, p + 2, 2);
    int hour = value(b, p + 4, 2);
    int minute = value(b, p + 6, 2);
    int second = value(b, p + 8, 2);
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
      return false;
    }
    boolean leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    int days =
        switch (month) {
          case 2 -> leap ? 29 : 28;
          case 4, 6, 9, 11 -> 30;
          default -> 31;
        };
    return day <= days;
  }

  /** The decimal value of {@code count} digits already checked to be digits. */
  private static int value(byte[] b, int p, int count) {
    int v = 0;
    for (int i = 0; i < count; i++) {
      v = v * 10 + (b[p + i] - '0');
    }
    return v;
  }

  private static int digits(byte[] b, int p, int count) throws Malformed {
    int v = 0;
    for (int i = 0; i < count; i++) {
      v = v * 10 + digit(b[p + i]);
    }
    return v;
  }

  private static int digit(byte c) throws Malformed {
    if (c < '0' || c > '9') {
      throw new Malformed("not a digit in a time");
    }
    return c - '0';
  }
}
