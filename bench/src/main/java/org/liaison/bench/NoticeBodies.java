package org.liaison.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

/**
 * The JSON a police system posts: a trafficking alert of about {@code bytes} (its summary padded up
 * to 16 KB; beyond that a PDF-like attachment of random bytes carries the size, as crew lists and
 * photographs do).
 */
final class NoticeBodies {

  private static final int MAX_PADDED_SUMMARY = 16_000;

  private NoticeBodies() {}

  static byte[] alert(List<String> recipients, int bytes) {
    String head =
        """
        {"recipients": [%s],
         "expiresAt": "2027-12-31T00:00:00Z",
         "caseReference": "NL-2026-0415",
         "noticeType": "TRAFFICKING_ALERT",
         "priority": "URGENT",
         "classification": "RESTRICTED",
         "handlingCode": "H2",
         "sourceReliability": "B",
         "informationAssessment": "KNOWN_TO_SOURCE",
         "language": "en",
         "title": "Forced labour on fishing vessels recruited in Bangkok",
         "trafficking": {"forms": ["FORCED_LABOUR"], "sectors": ["FISHING_AND_SEA"], "victimCount": 14},
        """
            .formatted(
                recipients.stream().map(r -> '"' + r + '"').collect(Collectors.joining(", ")));
    String sentence =
        "Crew recruited through a Bangkok agency are held on vessels fishing in international"
            + " waters; passports confiscated. ";
    int room = bytes - head.length() - 40;
    StringBuilder summary = new StringBuilder();
    while (summary.length() + sentence.length() <= Math.min(room, MAX_PADDED_SUMMARY)) {
      summary.append(sentence);
    }
    if (summary.isEmpty()) {
      summary.append(sentence);
    }
    StringBuilder json = new StringBuilder(head);
    json.append(" \"summary\": \"").append(summary.toString().trim()).append('"');
    int attachment = (bytes - json.length() - 200) * 3 / 4;
    if (room > MAX_PADDED_SUMMARY && attachment > 0) {
      byte[] content = new byte[attachment];
      new Random(42).nextBytes(content);
      json.append(",\n \"attachments\": [{\"fileName\": \"crew-list.pdf\",")
          .append(" \"mediaType\": \"application/pdf\", \"size\": ")
          .append(content.length)
          .append(", \"sha256\": \"")
          .append(Base64.getEncoder().encodeToString(sha256(content)))
          .append("\", \"content\": \"")
          .append(Base64.getEncoder().encodeToString(content))
          .append("\"}]");
    }
    return json.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] sha256(byte[] content) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(content);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
