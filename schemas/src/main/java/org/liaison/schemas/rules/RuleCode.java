package org.liaison.schemas.rules;

/** What a notice rule found wrong. The names are stable: they appear in receipts and APIs. */
public enum RuleCode {
  /** The format version is not one this code knows. */
  FORMAT_VERSION,
  /** A unit id is not of the form {@code CC.CODE} with a known country. */
  UNIT_ID_FORMAT,
  /** The notice names no recipient. */
  NO_RECIPIENT,
  /** A recipient is named twice. */
  DUPLICATE_RECIPIENT,
  /** The originator is among the recipients: it reads its own notices anyway. */
  ORIGINATOR_IS_RECIPIENT,
  /** The notice expires at or before the moment it was created. */
  EXPIRY_BEFORE_CREATION,
  /** Handling code H3 without the text of the restrictions. */
  H3_WITHOUT_TEXT,
  /** A cancellation that does not say which notice it cancels (inReplyTo). */
  CANCELLATION_WITHOUT_TARGET,
  /** A notice that answers itself. */
  REPLY_TO_SELF,
  /** A trafficking alert without the form of exploitation. */
  TRAFFICKING_WITHOUT_DETAILS,
  /** A language tag that is not well-formed BCP 47. */
  LANGUAGE_TAG,
  /** Two texts (the notice's or translations) in the same language. */
  DUPLICATE_LANGUAGE,
  /** A required text is empty or blank. */
  TEXT_EMPTY,
  /** A text is longer than its limit. */
  TEXT_TOO_LONG,
  /**
   * A text holds a control character other than tab, line feed and carriage return (NUL, escape,
   * the C1 controls...): invisible to a reader, and able to change how a log or terminal shows it.
   */
  CONTROL_CHARACTER,
  /**
   * A text that is no valid Unicode: a lone surrogate, which UTF-8 cannot carry, so that the notice
   * would change (into a question mark) on its way.
   */
  INVALID_UNICODE,
  /** More items in a list than its limit. */
  TOO_MANY,
  /** An entity id is blank. */
  ENTITY_ID_EMPTY,
  /** Two entities share an id. */
  DUPLICATE_ENTITY_ID,
  /** A link or an event names an entity that the notice does not hold. */
  UNKNOWN_ENTITY,
  /** A partial date that is no date: month 13, day without month, 31 February. */
  PARTIAL_DATE,
  /** A country that is not an ISO 3166 alpha-2 code. */
  COUNTRY_CODE,
  /** Coordinates outside -90..90 / -180..180. */
  COORDINATES_RANGE,
  /** An IMO number with a wrong check digit, or an MMSI that is not 9 digits. */
  VESSEL_IDENTIFIER,
  /** An IBAN whose check digits do not match. */
  IBAN_CHECKSUM,
  /** An attachment whose SHA-256 does not match its content. */
  ATTACHMENT_DIGEST_MISMATCH,
  /** An attachment whose declared size is not its content's. */
  ATTACHMENT_SIZE_MISMATCH,
  /** An attachment, or all attachments together, over the cap. */
  ATTACHMENT_TOO_LARGE
}
