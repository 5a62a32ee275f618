package org.liaison.pki.cli;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.liaison.schemas.avro.CrlEntry;
import org.liaison.schemas.avro.DirectoryEntry;
import org.liaison.schemas.avro.KeyTypeRequirement;
import org.liaison.schemas.avro.PolicyEntry;
import org.liaison.schemas.avro.UnitEntry;

/** What {@code directory show} and {@code directory verify} print of an entry. */
final class DirectoryEntryReport {

  private DirectoryEntryReport() {}

  static Map<String, Object> describe(
      DirectoryEntry entry, X509Certificate signer, Instant signingTime) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put(
        "key",
        entry.getKind().name().toLowerCase(java.util.Locale.ROOT) + ":" + entry.getSubject());
    map.put("sequence", entry.getSequence());
    map.put("issuedAt", entry.getIssuedAt().toString());
    map.put("signer", Cli.subject(signer));
    map.put("signerSerial", Cli.serial(signer.getSerialNumber()));
    map.put("signingTime", signingTime.toString());
    Object body = entry.getBody();
    if (body instanceof UnitEntry unit) {
      map.put("unit", unit.getUnitId());
      map.put("displayName", unit.getDisplayName());
      map.put("status", unit.getStatus().name().toLowerCase(java.util.Locale.ROOT));
      map.put("encryptionCertificates", unit.getEncryptionCertificates().size());
      map.put("signingCertificates", unit.getSigningCertificates().size());
      map.put("chain", unit.getChain().size());
    } else if (body instanceof CrlEntry crl) {
      map.put("crlNumber", crl.getCrlNumber());
      map.put("nextUpdate", crl.getNextUpdate().toString());
    } else if (body instanceof PolicyEntry policy) {
      map.put("allowedAlgorithms", List.copyOf(policy.getAllowedAlgorithms()));
      map.put("signingTimeWindowSeconds", policy.getSigningTimeWindowSeconds());
      map.put("maxClockSkewSeconds", policy.getMaxClockSkewSeconds());
      map.put("maxNoticeBytes", policy.getMaxNoticeBytes());
      Map<String, Object> requirements = new LinkedHashMap<>();
      for (KeyTypeRequirement r : policy.getKeyTypeRequirements()) {
        requirements.put(r.getUnits(), List.copyOf(r.getKeyTypes()));
      }
      map.put("keyTypeRequirements", requirements);
    }
    return map;
  }

  static void printText(java.io.PrintWriter out, Map<String, Object> map) {
    map.forEach((name, value) -> out.printf("  %-24s %s%n", name, value));
  }
}
