package org.liaison.schemas.codec;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.io.JsonDecoder;
import org.apache.avro.io.JsonEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.liaison.schemas.avro.CaseNotice;

/**
 * A case notice as JSON, in Avro's JSON encoding of the current schema (optional values are wrapped
 * in their type, as in {@code {"string": "NL-2026-0415"}}; bytes are strings of code points 0-255).
 * For people and tools that write notices by hand: the wire format stays binary.
 */
public final class NoticeJson {

  private static final SpecificData MODEL = ContractModel.instance();

  private NoticeJson() {}

  /** The notice as indented JSON. */
  public static String write(CaseNotice notice) {
    Objects.requireNonNull(notice, "notice");
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try {
      JsonEncoder encoder =
          EncoderFactory.get().jsonEncoder(CaseNotice.getClassSchema(), out, true);
      new SpecificDatumWriter<CaseNotice>(CaseNotice.getClassSchema(), MODEL)
          .write(notice, encoder);
      encoder.flush();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("cannot write notice as JSON: " + e.getMessage(), e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /**
   * Reads a notice from JSON.
   *
   * @throws DecodeException with {@link DecodeReason#TOO_LARGE} for text over the limit and {@link
   *     DecodeReason#MALFORMED} for anything that is not a notice, with what Avro said
   */
  public static CaseNotice read(String json, DecodeLimits limits) {
    Objects.requireNonNull(json, "json");
    if (json.length() > limits.maxInputBytes()) {
      throw new DecodeException(
          DecodeReason.TOO_LARGE,
          "JSON of " + json.length() + " characters, more than " + limits.maxInputBytes());
    }
    try {
      JsonDecoder decoder = DecoderFactory.get().jsonDecoder(CaseNotice.getClassSchema(), json);
      return ContractModel.withPlainLists(
          new SpecificDatumReader<CaseNotice>(
                  CaseNotice.getClassSchema(), CaseNotice.getClassSchema(), MODEL)
              .read(null, decoder));
    } catch (IOException | RuntimeException e) {
      throw new DecodeException(
          DecodeReason.MALFORMED, "not a case notice in Avro JSON: " + e.getMessage(), e);
    }
  }

  /** Reads a notice from JSON with the default limits. */
  public static CaseNotice read(String json) {
    return read(json, DecodeLimits.defaults());
  }
}
