package org.liaison.schemas.rules;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.liaison.schemas.UnitId;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.HandlingCode;
import org.liaison.schemas.avro.NoticeType;
import org.liaison.schemas.avro.Translation;

/**
 * The rules a case notice must follow beyond its schema. A sender checks them before sealing; a
 * receiver checks them again after opening, as the last step, because a sender may run other code.
 */
public final class NoticeRules {

  /** Format versions this code understands. */
  public static final Set<Integer> SUPPORTED_FORMAT_VERSIONS = Set.of(1);

  private NoticeRules() {}

  /** Every violation of the rules under the default limits; empty when the notice is valid. */
  public static List<RuleViolation> check(CaseNotice notice) {
    return check(notice, NoticeLimits.defaults());
  }

  /** Every violation of the rules under {@code limits}; empty when the notice is valid. */
  public static List<RuleViolation> check(CaseNotice notice, NoticeLimits limits) {
    Objects.requireNonNull(notice, "notice");
    Objects.requireNonNull(limits, "limits");
    Violations violations = new Violations();
    header(notice, violations);
    addressing(notice, limits, violations);
    texts(notice, limits, violations);
    EntityRules.check(notice, limits, violations);
    AttachmentRules.check(notice.getAttachments(), limits, violations);
    return violations.list();
  }

  /**
   * Checks under the default limits.
   *
   * @throws NoticeRuleException carrying every violation, if there is any
   */
  public static void requireValid(CaseNotice notice) {
    requireValid(notice, NoticeLimits.defaults());
  }

  /**
   * Checks under {@code limits}.
   *
   * @throws NoticeRuleException carrying every violation, if there is any
   */
  public static void requireValid(CaseNotice notice, NoticeLimits limits) {
    List<RuleViolation> violations = check(notice, limits);
    if (!violations.isEmpty()) {
      throw new NoticeRuleException(violations);
    }
  }

  private static void header(CaseNotice notice, Violations violations) {
    if (!SUPPORTED_FORMAT_VERSIONS.contains(notice.getFormatVersion())) {
      violations.add(
          "formatVersion",
          RuleCode.FORMAT_VERSION,
          "format version "
              + notice.getFormatVersion()
              + " is not one of "
              + SUPPORTED_FORMAT_VERSIONS);
    }
    if (notice.getExpiresAt() != null
        && notice.getCreatedAt() != null
        && !notice.getExpiresAt().isAfter(notice.getCreatedAt())) {
      violations.add(
          "expiresAt", RuleCode.EXPIRY_BEFORE_CREATION, "the notice expires before it is created");
    }
    if (notice.getHandlingCode() == HandlingCode.H3
        && (notice.getHandlingRestrictions() == null
            || notice.getHandlingRestrictions().isBlank())) {
      violations.add(
          "handlingRestrictions",
          RuleCode.H3_WITHOUT_TEXT,
          "handling code H3 requires the restrictions in words");
    }
    if (notice.getNoticeType() == NoticeType.CANCELLATION && notice.getInReplyTo() == null) {
      violations.add(
          "inReplyTo",
          RuleCode.CANCELLATION_WITHOUT_TARGET,
          "a cancellation must name the notice it cancels in inReplyTo");
    }
    if (notice.getInReplyTo() != null && notice.getInReplyTo().equals(notice.getNoticeId())) {
      violations.add("inReplyTo", RuleCode.REPLY_TO_SELF, "a notice cannot answer itself");
    }
    if (notice.getNoticeType() == NoticeType.TRAFFICKING_ALERT
        && (notice.getTrafficking() == null || notice.getTrafficking().getForms().isEmpty())) {
      violations.add(
          "trafficking",
          RuleCode.TRAFFICKING_WITHOUT_DETAILS,
          "a trafficking alert must give at least one form of exploitation");
    }
  }

  private static void addressing(CaseNotice notice, NoticeLimits limits, Violations violations) {
    String originator = notice.getOriginator();
    if (!UnitId.isValid(originator)) {
      violations.add("originator", RuleCode.UNIT_ID_FORMAT, UnitId.problem(originator));
    }
    List<String> recipients = notice.getRecipients();
    if (recipients == null || recipients.isEmpty()) {
      violations.add("recipients", RuleCode.NO_RECIPIENT, "the notice names no recipient");
      return;
    }
    violations.count("recipients", recipients, limits.maxRecipients());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < recipients.size(); i++) {
      String path = "recipients[" + i + "]";
      String recipient = recipients.get(i);
      if (!UnitId.isValid(recipient)) {
        violations.add(path, RuleCode.UNIT_ID_FORMAT, UnitId.problem(recipient));
      } else if (!seen.add(recipient)) {
        violations.add(path, RuleCode.DUPLICATE_RECIPIENT, recipient + " is named twice");
      } else if (recipient.equals(originator)) {
        violations.add(
            path,
            RuleCode.ORIGINATOR_IS_RECIPIENT,
            "the originator " + recipient + " is among the recipients");
      }
    }
  }

  private static void texts(CaseNotice notice, NoticeLimits limits, Violations violations) {
    violations.languageTag("language", notice.getLanguage());
    violations.requiredText("title", notice.getTitle(), limits.maxTitleChars());
    violations.requiredText("summary", notice.getSummary(), limits.maxSummaryChars());
    violations.optionalText("caseReference", notice.getCaseReference(), limits.maxTextChars());
    violations.optionalText(
        "handlingRestrictions", notice.getHandlingRestrictions(), limits.maxTextChars());
    List<Translation> translations = notice.getTranslations();
    violations.count("translations", translations, limits.maxTranslations());
    Set<String> languages = new HashSet<>();
    if (Identifiers.isLanguageTag(notice.getLanguage())) {
      languages.add(notice.getLanguage().toLowerCase(Locale.ROOT));
    }
    for (int i = 0; i < translations.size(); i++) {
      String path = "translations[" + i + "]";
      Translation translation = translations.get(i);
      String language = translation.getLanguage();
      violations.languageTag(path + ".language", language);
      if (Identifiers.isLanguageTag(language)
          && !languages.add(language.toLowerCase(Locale.ROOT))) {
        violations.add(
            path + ".language",
            RuleCode.DUPLICATE_LANGUAGE,
            "a text in " + language + " is given twice");
      }
      violations.requiredText(path + ".title", translation.getTitle(), limits.maxTitleChars());
      violations.requiredText(
          path + ".summary", translation.getSummary(), limits.maxSummaryChars());
    }
  }
}
