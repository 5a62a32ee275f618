package org.liaison.gateway.json;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.codec.AvroCodec;
import org.liaison.schemas.codec.DecodeException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link CaseNotice} as plain JSON and back. The mapped record goes through the contracts'
 * single-object codec (header per the Avro specification: marker {@code C3 01} and the schema's
 * CRC-64-AVRO fingerprint), so a notice from JSON meets the same decoding limits as one from Kafka.
 */
public final class NoticeJsonCodec {

  private static final Schema SCHEMA = CaseNotice.getClassSchema();
  private static final long FINGERPRINT = SchemaNormalization.parsingFingerprint64(SCHEMA);
  private static final int HEADER = 10;

  private final AvroCodec<CaseNotice> codec;

  public NoticeJsonCodec(AvroCodec<CaseNotice> codec) {
    this.codec = codec;
  }

  /** The result of reading: a notice, or every violation found. */
  public record Read(CaseNotice notice, List<JsonViolation> violations) {}

  /** Reads a notice from plain JSON. */
  public Read read(JsonNode json) {
    AvroJsonMapper.Read mapped = AvroJsonMapper.read(json, SCHEMA);
    if (!mapped.ok()) {
      return new Read(null, mapped.violations());
    }
    try {
      return new Read(codec.decode(singleObject(mapped.record())), List.of());
    } catch (DecodeException e) {
      return new Read(
          null, List.of(new JsonViolation("$", "NOTICE_LIMIT_" + e.reason(), e.getMessage())));
    }
  }

  /** Writes a notice as plain JSON. */
  public ObjectNode write(CaseNotice notice) {
    byte[] bytes = codec.encode(notice);
    try {
      GenericRecord raw =
          new GenericDatumReader<GenericRecord>(SCHEMA, SCHEMA, GenericData.get())
              .read(
                  null,
                  DecoderFactory.get().binaryDecoder(bytes, HEADER, bytes.length - HEADER, null));
      return AvroJsonMapper.write(raw);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read back an encoded notice", e);
    }
  }

  private static byte[] singleObject(GenericRecord record) {
    var out = new ByteArrayOutputStream(1024);
    out.write(0xC3);
    out.write(0x01);
    for (int i = 0; i < 8; i++) {
      out.write((int) (FINGERPRINT >>> (8 * i)));
    }
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(SCHEMA, GenericData.get()).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
