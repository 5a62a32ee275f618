package org.liaison.schemas.rules;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import org.liaison.schemas.avro.Attachment;

/** Attachments: count, size caps, and the declared size and SHA-256 against the content. */
final class AttachmentRules {

  private AttachmentRules() {}

  static void check(List<Attachment> attachments, NoticeLimits limits, Violations violations) {
    violations.count("attachments", attachments, limits.maxAttachments());
    long total = 0;
    for (int i = 0; i < attachments.size(); i++) {
      String path = "attachments[" + i + "]";
      Attachment attachment = attachments.get(i);
      violations.requiredText(path + ".fileName", attachment.getFileName(), 255);
      violations.requiredText(path + ".mediaType", attachment.getMediaType(), 255);
      ByteBuffer content = attachment.getContent();
      int length = content == null ? 0 : content.remaining();
      total += length;
      if (length > limits.maxAttachmentBytes()) {
        violations.add(
            path + ".content",
            RuleCode.ATTACHMENT_TOO_LARGE,
            "attachment of " + length + " bytes, more than " + limits.maxAttachmentBytes());
      }
      if (attachment.getSize() != length) {
        violations.add(
            path + ".size",
            RuleCode.ATTACHMENT_SIZE_MISMATCH,
            "declared size " + attachment.getSize() + " but the content has " + length + " bytes");
      }
      if (content != null
          && attachment.getSha256() != null
          && !MessageDigest.isEqual(sha256(content), attachment.getSha256().bytes())) {
        violations.add(
            path + ".sha256",
            RuleCode.ATTACHMENT_DIGEST_MISMATCH,
            "the SHA-256 digest does not match the content");
      }
    }
    if (total > limits.maxTotalAttachmentBytes()) {
      violations.add(
          "attachments",
          RuleCode.ATTACHMENT_TOO_LARGE,
          "attachments of "
              + total
              + " bytes in all, more than "
              + limits.maxTotalAttachmentBytes());
    }
  }

  private static byte[] sha256(ByteBuffer content) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      digest.update(content.duplicate());
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
