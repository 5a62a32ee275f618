package org.liaison.schemas.codec;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.liaison.schemas.AvroTrust;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.Receipt;

/**
 * Avro single-object encoding of one record type: {@code C3 01}, the writer schema's 8-byte
 * CRC-64-AVRO fingerprint (little-endian), then the binary body.
 *
 * <p>Writes with the current schema. Reads bytes written with any released version: the writer
 * schema is found by fingerprint among the released versions, the reader schema is the generated
 * class's. Before Avro decodes, a pre-scan checks the body against the {@link DecodeLimits}, so
 * that hostile lengths and counts fail at once. Every failure to decode is a {@link
 * DecodeException}. Instances are immutable and safe to share between threads; keep one rather than
 * calling {@link #with} per message, since each instance builds its readers anew.
 */
public final class AvroCodec<T extends SpecificRecord> {

  /** Length of the marker and fingerprint that precede the body. */
  public static final int HEADER_LENGTH = 10;

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;

  private final Class<T> type;
  private final Schema readerSchema;
  private final SpecificData model;
  private final long currentFingerprint;
  private final Map<Long, Schema> writerSchemas;
  private final DecodeLimits limits;
  private final SpecificDatumWriter<T> writer;

  /**
   * Readers built once per thread and writer schema: building one costs more than decoding a
   * notice, and Avro does not promise that a reader may be shared between threads.
   */
  private final ThreadLocal<Map<Long, SpecificDatumReader<T>>> readers =
      ThreadLocal.withInitial(HashMap::new);

  private AvroCodec(
      Class<T> type,
      Schema readerSchema,
      long currentFingerprint,
      Map<Long, Schema> writerSchemas,
      DecodeLimits limits) {
    this.type = type;
    this.readerSchema = readerSchema;
    this.model = ContractModel.instance();
    this.currentFingerprint = currentFingerprint;
    this.writerSchemas = writerSchemas;
    this.limits = Objects.requireNonNull(limits, "limits");
    this.writer = new SpecificDatumWriter<>(readerSchema, model);
  }

  /** The codec of case notices, with default limits. */
  public static AvroCodec<CaseNotice> caseNotices() {
    return Defaults.CASE_NOTICES;
  }

  /** The codec of case notices, with the given limits. */
  public static AvroCodec<CaseNotice> caseNotices(DecodeLimits limits) {
    return Defaults.CASE_NOTICES.with(limits);
  }

  /** The codec of receipts, with default limits. */
  public static AvroCodec<Receipt> receipts() {
    return Defaults.RECEIPTS;
  }

  /** The codec of receipts, with the given limits. */
  public static AvroCodec<Receipt> receipts(DecodeLimits limits) {
    return Defaults.RECEIPTS.with(limits);
  }

  /** The codec of federation directory entries, with default limits. */
  public static AvroCodec<DirectoryEntry> directoryEntries() {
    return Defaults.DIRECTORY_ENTRIES;
  }

  /** The codec of federation directory entries, with the given limits. */
  public static AvroCodec<DirectoryEntry> directoryEntries(DecodeLimits limits) {
    return Defaults.DIRECTORY_ENTRIES.with(limits);
  }

  /** This codec with other limits. */
  public AvroCodec<T> with(DecodeLimits newLimits) {
    return new AvroCodec<>(type, readerSchema, currentFingerprint, writerSchemas, newLimits);
  }

  /** The limits this codec decodes with. */
  public DecodeLimits limits() {
    return limits;
  }

  /** The fingerprint this codec writes: that of the current (newest released) schema. */
  public long currentFingerprint() {
    return currentFingerprint;
  }

  /**
   * Encodes {@code value}.
   *
   * @throws IllegalArgumentException if the value does not fit the schema (a required field left
   *     null, say)
   */
  public byte[] encode(T value) {
    Objects.requireNonNull(value, "value");
    Encoding encoding = encodings.get();
    EncodeBuffer out = encoding.buffer;
    out.reset();
    out.write(MARKER_0);
    out.write(MARKER_1);
    for (int i = 0; i < 8; i++) {
      out.write((int) (currentFingerprint >>> (8 * i)));
    }
    try {
      BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, encoding.encoder);
      encoding.encoder = encoder;
      writer.write(value, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          "cannot encode " + type.getSimpleName() + ": " + e.getMessage(), e);
    } finally {
      out.release();
    }
  }

  /**
   * A thread's encoder and buffer, kept between calls: a notice of a few kilobytes otherwise grew a
   * fresh {@link java.io.ByteArrayOutputStream} four times and went through its synchronized writes
   * byte by byte, which showed in the profile of sealing.
   */
  private static final class Encoding {
    final EncodeBuffer buffer = new EncodeBuffer();
    BinaryEncoder encoder;
  }

  private final ThreadLocal<Encoding> encodings = ThreadLocal.withInitial(Encoding::new);

  /** Decodes the whole of {@code bytes}. */
  public T decode(byte[] bytes) {
    Objects.requireNonNull(bytes, "bytes");
    return decode(bytes, 0, bytes.length);
  }

  /**
   * Decodes {@code bytes[offset, offset+length)}, which must hold exactly one value.
   *
   * @throws DecodeException for any input that is not one acceptable value
   * @throws IndexOutOfBoundsException if offset and length do not lie within {@code bytes}: a
   *     mistake of the caller, not of the input
   */
  public T decode(byte[] bytes, int offset, int length) {
    Objects.requireNonNull(bytes, "bytes");
    Objects.checkFromIndexSize(offset, length, bytes.length);
    if (length > limits.maxInputBytes()) {
      throw new DecodeException(
          DecodeReason.TOO_LARGE,
          "input of " + length + " bytes, more than " + limits.maxInputBytes());
    }
    if ((length > 0 && bytes[offset] != MARKER_0)
        || (length > 1 && bytes[offset + 1] != MARKER_1)) {
      throw new DecodeException(
          DecodeReason.NOT_SINGLE_OBJECT, "input does not start with the marker C3 01");
    }
    if (length < HEADER_LENGTH) {
      throw new DecodeException(
          DecodeReason.TRUNCATED, "input of " + length + " bytes is shorter than the header");
    }
    long fingerprint = fingerprintAt(bytes, offset + 2);
    Schema writerSchema = writerSchemas.get(fingerprint);
    if (writerSchema == null) {
      throw new DecodeException(
          DecodeReason.UNKNOWN_SCHEMA,
          String.format(
              "fingerprint %016x is no released version of %s", fingerprint, type.getSimpleName()));
    }
    int bodyOffset = offset + HEADER_LENGTH;
    int bodyLength = length - HEADER_LENGTH;
    BoundedPreScan.scan(writerSchema, bytes, bodyOffset, bodyLength, limits);
    BinaryDecoder decoder =
        DecoderFactory.get().binaryDecoder(bytes, bodyOffset, bodyLength, decoders.get());
    decoders.set(decoder);
    try {
      T value = readerFor(fingerprint, writerSchema).read(null, decoder);
      if (!decoder.isEnd()) {
        throw new DecodeException(DecodeReason.TRAILING_BYTES, "bytes left after the value");
      }
      return ContractModel.withPlainLists(value);
    } catch (DecodeException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      // The pre-scan has checked the structure; what Avro still refuses is a value the reader
      // cannot take (an unknown enum symbol, a uuid that is not one), or a disagreement between
      // the pre-scan and Avro, which must fail closed too.
      throw new DecodeException(
          DecodeReason.MALFORMED,
          type.getSimpleName() + " body refused: " + e.getClass().getSimpleName(),
          e);
    } finally {
      DecoderFactory.get().binaryDecoder(NOTHING, 0, 0, decoder);
    }
  }

  /** A thread's decoder, re-aimed at each input and then at nothing, so it holds no notice. */
  private final ThreadLocal<BinaryDecoder> decoders = new ThreadLocal<>();

  private static final byte[] NOTHING = new byte[0];

  private SpecificDatumReader<T> readerFor(long fingerprint, Schema writerSchema) {
    return readers
        .get()
        .computeIfAbsent(
            fingerprint, f -> new SpecificDatumReader<>(writerSchema, readerSchema, model));
  }

  private static long fingerprintAt(byte[] bytes, int at) {
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[at + i] & 0xffL);
    }
    return value;
  }

  private static <T extends SpecificRecord> AvroCodec<T> create(
      Class<T> type, Schema readerSchema, String name) {
    AvroTrust.install();
    Map<Long, Schema> writers =
        ReleasedSchemas.of(name).stream()
            .collect(
                Collectors.toUnmodifiableMap(
                    ReleasedSchemas.Version::fingerprint, ReleasedSchemas.Version::schema));
    long current = ReleasedSchemas.fingerprint(readerSchema);
    if (!writers.containsKey(current)) {
      // Writing an unreleased version would produce bytes no gateway accepts.
      throw new IllegalStateException(
          "the current "
              + name
              + " schema is not released: add it under released/ as a new version");
    }
    return new AvroCodec<>(type, readerSchema, current, writers, DecodeLimits.defaults());
  }

  /** Built on first use: loading the released schemas reads resources. */
  private static final class Defaults {
    static final AvroCodec<CaseNotice> CASE_NOTICES =
        create(CaseNotice.class, CaseNotice.getClassSchema(), "CaseNotice");
    static final AvroCodec<Receipt> RECEIPTS =
        create(Receipt.class, Receipt.getClassSchema(), "Receipt");
    static final AvroCodec<DirectoryEntry> DIRECTORY_ENTRIES =
        create(DirectoryEntry.class, DirectoryEntry.getClassSchema(), "DirectoryEntry");
  }
}
