package org.liaison.schemas.codec;

/**
 * How much a decoder accepts. Checked on the raw bytes before Avro allocates, so that a hostile
 * length or count fails at once and in bounded memory.
 *
 * @param maxInputBytes the whole single-object encoding, header included
 * @param maxStringBytes one string, in UTF-8 bytes
 * @param maxBytesFieldBytes one {@code bytes} value (an attachment's content)
 * @param maxItemsPerCollection items of one array or map
 * @param maxTotalItems items of all arrays and maps of one value together
 * @param maxDepth records, arrays and maps nested in one another, the outer record counting as one
 */
public record DecodeLimits(
    int maxInputBytes,
    int maxStringBytes,
    int maxBytesFieldBytes,
    int maxItemsPerCollection,
    int maxTotalItems,
    int maxDepth) {

  /** Room for a notice with attachments up to the notice rules' total cap, and its text. */
  private static final DecodeLimits DEFAULTS =
      new DecodeLimits(12 * 1024 * 1024, 256 * 1024, 8 * 1024 * 1024, 10_000, 100_000, 16);

  public DecodeLimits {
    positive("maxInputBytes", maxInputBytes);
    positive("maxStringBytes", maxStringBytes);
    positive("maxBytesFieldBytes", maxBytesFieldBytes);
    positive("maxItemsPerCollection", maxItemsPerCollection);
    positive("maxTotalItems", maxTotalItems);
    positive("maxDepth", maxDepth);
    if (maxItemsPerCollection > maxTotalItems) {
      throw new IllegalArgumentException(
          "maxItemsPerCollection ("
              + maxItemsPerCollection
              + ") must not exceed maxTotalItems ("
              + maxTotalItems
              + ")");
    }
  }

  /** The limits gateways use unless configured otherwise. */
  public static DecodeLimits defaults() {
    return DEFAULTS;
  }

  /** These limits with another input cap, for callers that know their largest message. */
  public DecodeLimits withMaxInputBytes(int value) {
    return new DecodeLimits(
        value, maxStringBytes, maxBytesFieldBytes, maxItemsPerCollection, maxTotalItems, maxDepth);
  }

  /** These limits with another nesting depth. */
  public DecodeLimits withMaxDepth(int value) {
    return new DecodeLimits(
        maxInputBytes,
        maxStringBytes,
        maxBytesFieldBytes,
        maxItemsPerCollection,
        maxTotalItems,
        value);
  }

  private static void positive(String name, int value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
  }
}
