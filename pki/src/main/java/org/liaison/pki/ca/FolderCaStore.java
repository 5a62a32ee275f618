package org.liaison.pki.ca;

import static org.liaison.pki.PkiException.Code.CA_STATE_INVALID;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.PkiException;

/**
 * A CA register in a folder, made to survive a crash at any point:
 *
 * <pre>
 * serials/&lt;hex&gt;             one empty file per reserved serial, written before signing
 * issued/&lt;hex&gt;.properties   holder, profile, issue order and the certificate (base64 DER)
 * revoked/&lt;hex&gt;.properties  reason and time of a revocation
 * crl-number                 the last CRL number reserved, written before the CRL is signed
 * crl.der                    the current CRL
 * </pre>
 *
 * Every file is written atomically (temporary file, sync, rename, directory sync), so after a crash
 * a certificate is fully recorded or absent, and a reserved serial or CRL number is on disk before
 * it is used. A serial reserved by an issuance that crashed stays reserved: it is listed by {@link
 * #abandonedSerials()} and never used again. On opening, leftover temporary files are deleted.
 */
public final class FolderCaStore implements CaStore {

  private final Path serialsDir;
  private final Path issuedDir;
  private final Path revokedDir;
  private final Path crlNumberFile;
  private final Path crlFile;
  private final CrashPoints crashPoints;
  private final Set<BigInteger> serials = new HashSet<>();
  private final Map<BigInteger, IssuedCertificate> issued = new LinkedHashMap<>();
  private long order;

  private FolderCaStore(Path folder, CrashPoints crashPoints) {
    this.serialsDir = folder.resolve("serials");
    this.issuedDir = folder.resolve("issued");
    this.revokedDir = folder.resolve("revoked");
    this.crlNumberFile = folder.resolve("crl-number");
    this.crlFile = folder.resolve("crl.der");
    this.crashPoints = crashPoints;
  }

  /** Opens (creating when absent) the register in {@code folder}, cleaning up after a crash. */
  public static FolderCaStore open(Path folder, CrashPoints crashPoints) {
    FolderCaStore store = new FolderCaStore(folder, crashPoints);
    try {
      for (Path dir : List.of(store.serialsDir, store.issuedDir, store.revokedDir)) {
        Files.createDirectories(dir);
        deleteTemporaryFiles(dir);
      }
      deleteTemporaryFiles(folder);
      store.load();
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Code.IO_FAILURE, "cannot open the CA folder " + folder + ": " + e, e);
    }
    return store;
  }

  /** Opens the register in {@code folder} with no crash points. */
  public static FolderCaStore open(Path folder) {
    return open(folder, CrashPoints.NONE);
  }

  @Override
  public synchronized boolean reserveSerial(BigInteger serial) {
    if (serials.contains(serial)) {
      return false;
    }
    AtomicFiles.write(serialsDir.resolve(serial.toString(16)), new byte[0], crashPoints);
    serials.add(serial);
    return true;
  }

  @Override
  public synchronized void recordIssued(IssuedCertificate certificate) {
    Properties record = new Properties();
    record.setProperty("holder", certificate.holder());
    record.setProperty("profile", certificate.profile().name());
    record.setProperty("order", Long.toString(++order));
    try {
      record.setProperty(
          "certificate",
          Base64.getEncoder().encodeToString(certificate.certificate().getEncoded()));
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot encode certificate", e);
    }
    AtomicFiles.write(
        issuedDir.resolve(certificate.serial().toString(16) + ".properties"),
        bytes(record),
        crashPoints);
    issued.put(certificate.serial(), certificate);
  }

  @Override
  public synchronized void recordRevocation(BigInteger serial, Revocation revocation) {
    Properties record = new Properties();
    record.setProperty("reason", revocation.reason().name());
    record.setProperty("revokedAt", revocation.revokedAt().toString());
    AtomicFiles.write(
        revokedDir.resolve(serial.toString(16) + ".properties"), bytes(record), crashPoints);
    issued.computeIfPresent(serial, (s, c) -> c.revoked(revocation));
  }

  @Override
  public synchronized List<IssuedCertificate> issued() {
    return List.copyOf(issued.values());
  }

  @Override
  public synchronized BigInteger reserveCrlNumber() {
    BigInteger next = lastCrlNumber().add(BigInteger.ONE);
    AtomicFiles.write(
        crlNumberFile, next.toString().getBytes(StandardCharsets.US_ASCII), crashPoints);
    return next;
  }

  @Override
  public synchronized void recordCrl(X509CRL crl) {
    try {
      AtomicFiles.write(crlFile, crl.getEncoded(), crashPoints);
    } catch (GeneralSecurityException e) {
      throw new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot encode the CRL", e);
    }
  }

  @Override
  public synchronized Optional<X509CRL> currentCrl() {
    if (!Files.exists(crlFile)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          (X509CRL)
              CertificateFactory.getInstance("X.509", CryptoProviders.certificates())
                  .generateCRL(new ByteArrayInputStream(Files.readAllBytes(crlFile))));
    } catch (IOException | GeneralSecurityException e) {
      throw new PkiException(CA_STATE_INVALID, "the CA's CRL file " + crlFile + " is corrupt", e);
    }
  }

  /** Serials reserved by issuances that did not finish; they are never used again. */
  public synchronized Set<BigInteger> abandonedSerials() {
    Set<BigInteger> abandoned = new TreeSet<>(serials);
    abandoned.removeAll(issued.keySet());
    return abandoned;
  }

  private BigInteger lastCrlNumber() {
    if (!Files.exists(crlNumberFile)) {
      return BigInteger.ZERO;
    }
    try {
      return new BigInteger(Files.readString(crlNumberFile, StandardCharsets.US_ASCII).trim());
    } catch (IOException | NumberFormatException e) {
      throw new PkiException(CA_STATE_INVALID, "the CRL number file is corrupt", e);
    }
  }

  private void load() throws IOException {
    try (Stream<Path> files = Files.list(serialsDir)) {
      files.forEach(f -> serials.add(new BigInteger(f.getFileName().toString(), 16)));
    }
    List<Map.Entry<Long, IssuedCertificate>> loaded = new ArrayList<>();
    try (Stream<Path> files = Files.list(issuedDir)) {
      for (Path file : files.toList()) {
        Properties record = read(file);
        IssuedCertificate certificate = parseIssued(file, record);
        Path revocationFile = revokedDir.resolve(file.getFileName());
        if (Files.exists(revocationFile)) {
          Properties revocation = read(revocationFile);
          certificate =
              certificate.revoked(
                  new Revocation(
                      RevocationReason.valueOf(revocation.getProperty("reason")),
                      Instant.parse(revocation.getProperty("revokedAt"))));
        }
        loaded.add(Map.entry(Long.parseLong(record.getProperty("order", "0")), certificate));
        // A serial on record but not reserved can only come from a copied folder; keep it used.
        serials.add(certificate.serial());
      }
    }
    loaded.sort(Comparator.comparing(Map.Entry::getKey));
    for (Map.Entry<Long, IssuedCertificate> entry : loaded) {
      issued.put(entry.getValue().serial(), entry.getValue());
      order = Math.max(order, entry.getKey());
    }
  }

  private static IssuedCertificate parseIssued(Path file, Properties record) {
    try {
      X509Certificate certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509", CryptoProviders.certificates())
                  .generateCertificate(
                      new ByteArrayInputStream(
                          Base64.getDecoder().decode(record.getProperty("certificate"))));
      return new IssuedCertificate(
          certificate,
          record.getProperty("holder"),
          CertificateProfile.valueOf(record.getProperty("profile")),
          Optional.empty());
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new PkiException(CA_STATE_INVALID, "the CA record " + file + " is corrupt", e);
    }
  }

  private static Properties read(Path file) throws IOException {
    Properties properties = new Properties();
    properties.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
    return properties;
  }

  private static byte[] bytes(Properties properties) {
    StringWriter text = new StringWriter();
    try {
      properties.store(text, null);
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot encode a CA record", e);
    }
    return text.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private static void deleteTemporaryFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.toList()) {
        if (file.getFileName().toString().endsWith(AtomicFiles.TEMP_SUFFIX)) {
          Files.delete(file);
        }
      }
    }
  }
}
