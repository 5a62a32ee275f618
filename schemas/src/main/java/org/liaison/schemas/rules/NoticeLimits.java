package org.liaison.schemas.rules;

/**
 * Sizes and counts a notice may reach.
 *
 * @param maxRecipients units one notice goes to
 * @param maxTitleChars characters of a title (the notice's or a translation's)
 * @param maxSummaryChars characters of a summary
 * @param maxTextChars characters of any other text: restrictions, descriptions, names, events
 * @param maxTranslations translations of one notice
 * @param maxEntitiesPerList persons, organisations, locations, vehicles, identifiers, events or
 *     links, each list on its own
 * @param maxAttachments attachments of one notice
 * @param maxAttachmentBytes content of one attachment
 * @param maxTotalAttachmentBytes content of all attachments together
 */
public record NoticeLimits(
    int maxRecipients,
    int maxTitleChars,
    int maxSummaryChars,
    int maxTextChars,
    int maxTranslations,
    int maxEntitiesPerList,
    int maxAttachments,
    long maxAttachmentBytes,
    long maxTotalAttachmentBytes) {

  private static final NoticeLimits DEFAULTS =
      new NoticeLimits(50, 200, 20_000, 4_000, 10, 500, 20, 4L << 20, 8L << 20);

  public NoticeLimits {
    if (maxRecipients < 1
        || maxTitleChars < 1
        || maxSummaryChars < 1
        || maxTextChars < 1
        || maxTranslations < 0
        || maxEntitiesPerList < 0
        || maxAttachments < 0
        || maxAttachmentBytes < 0
        || maxTotalAttachmentBytes < 0) {
      throw new IllegalArgumentException(
          "notice limits must not be negative (nor zero for texts and recipients)");
    }
    if (maxAttachmentBytes > maxTotalAttachmentBytes) {
      throw new IllegalArgumentException(
          "maxAttachmentBytes must not exceed maxTotalAttachmentBytes");
    }
  }

  /**
   * 50 recipients, titles of 200 and summaries of 20,000 characters, attachments of 4 MiB each and
   * 8 MiB in all.
   */
  public static NoticeLimits defaults() {
    return DEFAULTS;
  }
}
