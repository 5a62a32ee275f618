package org.liaison.gateway.transport;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.common.header.Header;

/**
 * The record headers Liaison writes. They are routing hints for tools and for quarantine forensics:
 * nothing is decided on them before it has been checked against the signed content.
 */
public final class Headers {

  /** The sending unit's id. */
  public static final String SENDER = "liaison-sender";

  /** What the value is: {@link #SEALED_NOTICE} or {@link #SIGNED_RECEIPT}. */
  public static final String CONTENT_TYPE = "liaison-content-type";

  /** The format version of the value. */
  public static final String FORMAT_VERSION = "liaison-format-version";

  public static final String SEALED_NOTICE = "application/cms; liaison=sealed-notice";
  public static final String SIGNED_RECEIPT = "application/cms; liaison=signed-receipt";

  /** Longest header value read; anything longer is not ours and is cut for the records. */
  private static final int MAX_HINT = 64;

  private Headers() {}

  /** The value of the last header named {@code name}, as text, if there is one. */
  public static Optional<String> text(org.apache.kafka.common.header.Headers headers, String name) {
    Header header = headers.lastHeader(name);
    if (header == null || header.value() == null) {
      return Optional.empty();
    }
    byte[] value = header.value();
    String text =
        new String(value, 0, Math.min(value.length, MAX_HINT * 4), StandardCharsets.UTF_8);
    return Optional.of(text.length() > MAX_HINT ? text.substring(0, MAX_HINT) : text);
  }

  /** {@code text} as a header value. */
  public static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
