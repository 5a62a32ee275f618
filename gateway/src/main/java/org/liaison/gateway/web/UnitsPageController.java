package org.liaison.gateway.web;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.liaison.gateway.directory.FederationDirectory;
import org.liaison.gateway.ops.OperationsProperties;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.directory.VerifiedEntry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The administrator's units and certificates: the units this gateway hosts (the keys it holds) and
 * every unit the federation directory lists, each certificate with its serial, expiry and days
 * left, and a warning within {@code liaison.operations.certificate-warning} of the end.
 */
@Controller
class UnitsPageController {

  /** One certificate as the page lists it. */
  record Row(
      String unit,
      String source,
      String use,
      String serial,
      String subject,
      Instant notAfter,
      long daysLeft,
      boolean warning,
      boolean expired) {}

  private final HostedUnits hosted;
  private final ObjectProvider<FederationDirectory> directory;
  private final Duration warning;
  private final Clock clock;

  UnitsPageController(
      HostedUnits hosted,
      ObjectProvider<FederationDirectory> directory,
      OperationsProperties operations,
      Clock clock) {
    this.hosted = hosted;
    this.directory = directory;
    this.warning = operations.certificateWarning();
    this.clock = clock;
  }

  @GetMapping("/web/admin/units")
  String units(Model model) {
    Instant now = clock.instant();
    List<Row> rows = new ArrayList<>();
    for (HostedUnit unit : hosted.all()) {
      String id = unit.id().value();
      rows.add(row(id, "hosted", "signing", unit.signing().certificate(), now));
      rows.add(row(id, "hosted", "encryption", unit.encryption().certificate(), now));
      unit.olderEncryption()
          .forEach(k -> rows.add(row(id, "hosted", "encryption (older)", k.certificate(), now)));
    }
    FederationDirectory known = directory.getIfAvailable();
    if (known != null) {
      for (VerifiedEntry entry : known.entries()) {
        if (entry.unit().isEmpty()) {
          continue;
        }
        String id = entry.key().subject();
        entry.signingCertificates().forEach(c -> rows.add(row(id, "directory", "signing", c, now)));
        entry
            .encryptionCertificates()
            .forEach(c -> rows.add(row(id, "directory", "encryption", c, now)));
      }
    }
    rows.sort(Comparator.comparing(Row::unit).thenComparing(Row::source).thenComparing(Row::use));
    model.addAttribute("rows", rows);
    model.addAttribute("warningDays", warning.toDays());
    return "web/units";
  }

  private Row row(String unit, String source, String use, X509Certificate c, Instant now) {
    Instant notAfter = c.getNotAfter().toInstant();
    long daysLeft = Duration.between(now, notAfter).toDays();
    return new Row(
        unit,
        source,
        use,
        c.getSerialNumber().toString(16),
        c.getSubjectX500Principal().getName(),
        notAfter,
        daysLeft,
        notAfter.isBefore(now.plus(warning)),
        !notAfter.isAfter(now));
  }
}
