package org.liaison.pki.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * NIST PKITS sections 4.1-4.7 and 4.13-4.16, run against {@link CertificateValidator}: every {@code
 * Valid*} end entity must be VALID and every {@code Invalid*} one refused with the reason code the
 * table {@code pkits-cases.txt} gives. The test data is in the repository, under {@code
 * src/test/resources/pkits} (its README says where it comes from), and is read from the test class
 * path.
 */
public class PkitsTest {

  /** PKITS certificates expired in 2011; the suite is meant to be run at this time. */
  public static final Instant AT = Instant.parse("2010-02-01T00:00:00Z");

  /** In the table, every CA certificate or every CRL of the data. */
  public static final String ALL = "*";

  /**
   * The cases where Liaison's answer differs from the table, with the answer it gives instead. Each
   * entry is asserted, so that a case that starts to behave fails here until it is removed; every
   * one fails closed (a Valid* test refused), none opens an Invalid* one.
   *
   * <p>4.15 (delta CRLs): the validator does not merge a base CRL with its delta (RFC 5280 6.3.3);
   * a certificate whose issuer publishes delta CRLs is refused with DELTA_CRL_UNSUPPORTED (see
   * {@code DeltaCrls}). 4.15.2, 4.15.7 and 4.15.8 are valid only once the delta is applied. In
   * 4.15.5 the base CRL puts the certificate on hold and the delta removes it from the CRL; the
   * JDK, reading the base alone, finds the hold first and answers REVOKED.
   */
  public static final Map<String, ValidationReason> DEVIATIONS =
      Map.of(
          "4.15.2", ValidationReason.DELTA_CRL_UNSUPPORTED,
          "4.15.5", ValidationReason.REVOKED,
          "4.15.7", ValidationReason.DELTA_CRL_UNSUPPORTED,
          "4.15.8", ValidationReason.DELTA_CRL_UNSUPPORTED);

  /**
   * Likewise for the run with {@link RevocationPolicy#ALLOW_MISSING}, where in both cases the end
   * entity is listed on a CRL that RFC 5280 says cannot settle its status, so that soft-fail alone
   * would accept it; Liaison refuses a listed certificate, the safer answer. 4.4.8: the entry has
   * an unknown critical extension, and the JDK does not count that as missing information. 4.4.9:
   * the CRL has an unknown critical extension; the JDK skips it, and {@code RevocationEvidence}
   * (which looks at the newest CRL signed by the issuer, stale or not) finds the entry. 4.15.1 and
   * 4.15.10: the only CRL at hand is a delta (without its base, or stale), which is not missing
   * information but information this validator cannot apply: DELTA_CRL_UNSUPPORTED, whatever the
   * policy. 4.15.4: RevocationEvidence reads the newest CRL the issuer signed, which here is the
   * delta that lists the certificate: REVOKED, before the delta check is reached.
   */
  static final Map<String, ValidationReason> SOFT_FAIL_DEVIATIONS =
      Map.of(
          "4.4.8", ValidationReason.REVOCATION_UNKNOWN,
          "4.4.9", ValidationReason.REVOKED,
          "4.15.1", ValidationReason.DELTA_CRL_UNSUPPORTED,
          "4.15.4", ValidationReason.REVOKED,
          "4.15.10", ValidationReason.DELTA_CRL_UNSUPPORTED);

  public record Case(
      String id, String endEntity, List<String> certs, List<String> crls, ValidationReason reason) {
    @Override
    public String toString() {
      return id + " " + endEntity;
    }
  }

  public static Path pkitsFolder() {
    URL anchor = PkitsTest.class.getResource("/pkits/certs/TrustAnchorRootCertificate.crt");
    if (anchor == null) {
      throw new IllegalStateException(
          "NIST PKITS test data not found on the test class path: expected pki/src/test/resources/pkits");
    }
    try {
      return Path.of(anchor.toURI()).getParent().getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("PKITS test data is not in a folder: " + anchor, e);
    }
  }

  public static List<Case> cases() throws IOException {
    try (InputStream in = PkitsTest.class.getResourceAsStream("pkits-cases.txt")) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      List<Case> cases = new ArrayList<>();
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] columns = line.split("\\|", -1);
        cases.add(
            new Case(
                columns[0].trim(),
                columns[1].trim(),
                names(columns[2]),
                names(columns[3]),
                ValidationReason.valueOf(columns[4].trim())));
      }
      return cases;
    }
  }

  private static List<String> names(String column) {
    return Arrays.stream(column.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public static Stream<Case> allCases() throws IOException {
    return cases().stream();
  }

  @Test
  void theTableCoversEverySectionAndTheDataIsThere() throws IOException {
    List<Case> cases = cases();

    assertThat(pkitsFolder().resolve("certs").resolve("TrustAnchorRootCertificate.crt"))
        .isRegularFile();
    assertThat(cases).hasSize(161);
    assertThat(cases.stream().map(c -> c.id().substring(0, c.id().lastIndexOf('.'))).distinct())
        .containsExactly(
            "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.13", "4.14", "4.15", "4.16");
    assertThat(cases)
        .allSatisfy(
            c ->
                assertThat(c.reason() == ValidationReason.VALID)
                    .as(c.toString())
                    .isEqualTo(c.endEntity().startsWith("Valid")));
    assertThat(DEVIATIONS.keySet()).isSubsetOf(cases.stream().map(Case::id).toList());
    // A deviation may only fail closed: never an Invalid* test answered VALID.
    assertThat(DEVIATIONS.values()).doesNotContain(ValidationReason.VALID);
    assertThat(SOFT_FAIL_DEVIATIONS.values()).doesNotContain(ValidationReason.VALID);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void pkits(Case pkitsCase) throws Exception {
    ValidationResult result = validate(pkitsCase, RevocationPolicy.REQUIRE);

    ValidationReason expected = DEVIATIONS.getOrDefault(pkitsCase.id(), pkitsCase.reason());
    assertThat(result.reason()).as(result.detail()).isEqualTo(expected);
    assertThat(result.detail()).isNotBlank();
  }

  /**
   * With {@link RevocationPolicy#ALLOW_MISSING} every case whose only fault is revocation
   * information that cannot be used becomes VALID, and every other answer stays the same: a CRL
   * that lists the certificate still refuses it.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("allCases")
  void pkitsAllowingMissingRevocationInformation(Case pkitsCase) throws Exception {
    ValidationResult result = validate(pkitsCase, RevocationPolicy.ALLOW_MISSING);

    ValidationReason strict = DEVIATIONS.getOrDefault(pkitsCase.id(), pkitsCase.reason());
    ValidationReason expected =
        SOFT_FAIL_DEVIATIONS.getOrDefault(
            pkitsCase.id(),
            strict == ValidationReason.REVOCATION_UNKNOWN ? ValidationReason.VALID : strict);
    assertThat(result.reason()).as(result.detail()).isEqualTo(expected);
  }

  private static ValidationResult validate(Case pkitsCase, RevocationPolicy policy)
      throws IOException, GeneralSecurityException {
    Path folder = pkitsFolder();
    List<X509Certificate> intermediates = new ArrayList<>();
    for (String name : caNames(pkitsCase)) {
      intermediates.add(cert(folder, name));
    }
    List<X509CRL> crls = new ArrayList<>();
    crls.add(crl(folder, "TrustAnchorRootCRL"));
    for (String name : crlNames(pkitsCase)) {
      crls.add(crl(folder, name));
    }
    TrustContext trust =
        new TrustContext(
            List.of(cert(folder, "TrustAnchorRootCertificate")), intermediates, crls, policy);
    return new CertificateValidator(trust)
        .validate(cert(folder, pkitsCase.endEntity()), List.of(), Purpose.ANY, AT);
  }

  /** The case's intermediates by name; for "*", every CA certificate of the data. */
  public static List<String> caNames(Case pkitsCase) throws IOException {
    return pkitsCase.certs().equals(List.of(ALL))
        ? names("certs", ".crt", "TrustAnchorRootCertificate", n -> !n.endsWith("EE"))
        : pkitsCase.certs();
  }

  /** The case's CRLs by name, without the trust anchor's; for "*", every CRL of the data. */
  public static List<String> crlNames(Case pkitsCase) throws IOException {
    return pkitsCase.crls().equals(List.of(ALL))
        ? names("crls", ".crl", "TrustAnchorRootCRL", n -> true)
        : pkitsCase.crls();
  }

  private static List<String> names(
      String subfolder, String suffix, String anchor, Predicate<String> wanted) throws IOException {
    try (Stream<Path> files = Files.list(pkitsFolder().resolve(subfolder))) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.endsWith(suffix))
          .map(n -> n.substring(0, n.length() - suffix.length()))
          .filter(n -> !n.equals(anchor) && wanted.test(n))
          .sorted()
          .toList();
    }
  }

  public static X509Certificate cert(Path folder, String name)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(folder.resolve("certs").resolve(name + ".crt"))) {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509", "SUN").generateCertificate(in);
    }
  }

  public static X509CRL crl(Path folder, String name) throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(folder.resolve("crls").resolve(name + ".crl"))) {
      return (X509CRL) CertificateFactory.getInstance("X.509", "SUN").generateCRL(in);
    }
  }
}
