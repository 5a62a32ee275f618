package org.liaison.gateway.web;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import org.liaison.gateway.api.Caller;
import org.liaison.gateway.inbound.InboxService;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.gateway.units.HostedUnits;
import org.liaison.pki.seal.OpenResult;
import org.liaison.pki.seal.VerificationReport;
import org.liaison.schemas.avro.CaseNotice;
import org.liaison.schemas.avro.HandlingCode;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Reading a notice: opened again from its sealed bytes with every check, laid out field by field,
 * with the handling code and the evaluation as banners and a trust panel that says who signed it
 * with which certificate, to whom it was encrypted and how. Opening the page sends nothing: the
 * READ receipt goes when the officer presses "Mark as read", because a receipt tells the sender a
 * person took the notice in, which a glance at the page, a colleague's look or a mistaken click
 * does not.
 */
@Controller
class NoticePageController {

  /** Fields the page shows elsewhere than in the body (header, banners, trust panel). */
  private static final List<String> SHOWN_ELSEWHERE =
      List.of(
          "formatVersion",
          "noticeId",
          "originator",
          "recipients",
          "title",
          "summary",
          "language",
          "noticeType",
          "priority",
          "classification",
          "handlingCode",
          "handlingRestrictions",
          "sourceReliability",
          "informationAssessment",
          "createdAt",
          "expiresAt",
          "threadId",
          "inReplyTo",
          "caseReference",
          "attachments");

  /** An attachment as the page lists it: the file itself downloads from its own address. */
  record File(int index, String fileName, String mediaType, long size, String sha256) {}

  /** The trust panel's facts. */
  record Trust(
      String signerUnit,
      String serial,
      String subject,
      String issuer,
      Instant notBefore,
      Instant notAfter,
      Instant signingTime,
      boolean validAtSigning,
      List<String> encryptedTo,
      String digestAlgorithm,
      String signatureAlgorithm,
      String contentEncryptionAlgorithm,
      String keyManagementAlgorithm,
      Instant receivedAt,
      String sealedSha256) {}

  private final HostedUnits hosted;
  private final InboxService inbox;

  NoticePageController(HostedUnits hosted, InboxService inbox) {
    this.hosted = hosted;
    this.inbox = inbox;
  }

  @GetMapping("/web/notices/{id}")
  String read(Caller caller, @PathVariable String id, Model model) {
    HostedUnit unit = hosted.find(caller.actingFor()).orElseThrow(WebProblems::notFound);
    var viewed = inbox.view(unit, uuid(id)).orElseThrow(WebProblems::notFound);
    model.addAttribute("entry", viewed.entry());
    if (viewed.opened() instanceof OpenResult.Rejected rejected) {
      model.addAttribute("rejected", rejected.reason().name());
      return "web/notice";
    }
    var opened = (OpenResult.Opened) viewed.opened();
    CaseNotice n = opened.notice();
    model.addAttribute("notice", n);
    model.addAttribute("handlingCode", n.getHandlingCode().name());
    model.addAttribute("restricted", n.getHandlingCode() != HandlingCode.H0);
    model.addAttribute("fields", NoticeFields.of(n, SHOWN_ELSEWHERE));
    List<File> files = new ArrayList<>();
    for (int i = 0; i < n.getAttachments().size(); i++) {
      var a = n.getAttachments().get(i);
      files.add(
          new File(
              i,
              a.getFileName(),
              a.getMediaType(),
              a.getSize(),
              HexFormat.of().formatHex(a.getSha256().bytes())));
    }
    model.addAttribute("files", files);
    model.addAttribute("trust", trust(opened.report(), n, viewed.entry()));
    return "web/notice";
  }

  /**
   * One attachment, from the notice opened again with every check (so its digest is the signed
   * one). It always downloads ({@code Content-Disposition: attachment}, {@code
   * application/octet-stream}, no sniffing): a file from another unit is never shown inside the
   * gateway's pages, whatever media type it declares.
   */
  @GetMapping("/web/notices/{id}/attachments/{index}")
  ResponseEntity<byte[]> attachment(
      Caller caller, @PathVariable String id, @PathVariable int index) {
    HostedUnit unit = hosted.find(caller.actingFor()).orElseThrow(WebProblems::notFound);
    var viewed = inbox.view(unit, uuid(id)).orElseThrow(WebProblems::notFound);
    if (!(viewed.opened() instanceof OpenResult.Opened opened)) {
      throw WebProblems.notFound();
    }
    var attachments = opened.notice().getAttachments();
    if (index < 0 || index >= attachments.size()) {
      throw WebProblems.notFound();
    }
    var a = attachments.get(index);
    ByteBuffer content = a.getContent().duplicate();
    byte[] bytes = new byte[content.remaining()];
    content.get(bytes);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_OCTET_STREAM)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename(a.getFileName(), StandardCharsets.UTF_8)
                .build()
                .toString())
        .header("X-Content-Type-Options", "nosniff")
        .header(HttpHeaders.CACHE_CONTROL, "no-store")
        .body(bytes);
  }

  @PostMapping("/web/notices/{id}/read")
  String markRead(Caller caller, @PathVariable String id) {
    HostedUnit unit = hosted.find(caller.actingFor()).orElseThrow(WebProblems::notFound);
    UUID notice = uuid(id);
    if (!inbox.markRead(unit, notice)) {
      throw WebProblems.notFound();
    }
    return "redirect:/web/notices/" + notice + "?marked";
  }

  private static Trust trust(
      VerificationReport r, CaseNotice n, org.liaison.gateway.store.InboxEntry entry) {
    X509Certificate c = r.signerCertificate();
    Instant notBefore = c.getNotBefore().toInstant();
    Instant notAfter = c.getNotAfter().toInstant();
    List<String> recipients = new ArrayList<>(n.getRecipients());
    return new Trust(
        r.signerUnit().value(),
        r.signerSerial().toString(16),
        c.getSubjectX500Principal().getName(),
        c.getIssuerX500Principal().getName(),
        notBefore,
        notAfter,
        r.signingTime(),
        !r.signingTime().isBefore(notBefore) && !r.signingTime().isAfter(notAfter),
        recipients,
        r.digestAlgorithm(),
        r.signatureAlgorithm(),
        r.contentEncryptionAlgorithm(),
        r.keyManagementAlgorithm(),
        entry.receivedAt(),
        entry.sealedSha256());
  }

  private static UUID uuid(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw WebProblems.notFound();
    }
  }
}
