package org.liaison.pki.keys;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CRLHolder;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CRLConverter;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.pkcs.PKCSException;
import org.liaison.pki.BoundedRead;
import org.liaison.pki.CryptoProviders;
import org.liaison.pki.PkiException;

/**
 * PEM text for certificates, CSRs, CRLs and password-encrypted PKCS#8 private keys, as OpenSSL
 * reads and writes them. Reading refuses anything but the expected object with BAD_INPUT.
 */
public final class Pem {

  /** Room for a large CA's CRL; a file beyond it is refused before it fills memory. */
  private static final int MAX_FILE_BYTES = 64 * 1024 * 1024;

  private Pem() {}

  /** PEM text of certificates, CSRs, CRLs (any mix, in order). */
  public static String encode(Object... objects) {
    StringWriter text = new StringWriter();
    try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
      for (Object object : objects) {
        writer.writeObject(object);
      }
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, "cannot encode as PEM", e);
    }
    return text.toString();
  }

  /** PEM text of {@code key}, encrypted with {@code password} (PBES2, AES-256-CBC). */
  public static String encodeEncryptedKey(PrivateKey key, char[] password) {
    try {
      var encryptor =
          new JceOpenSSLPKCS8EncryptorBuilder(JcaPKCS8Generator.AES_256_CBC)
              .setProvider(CryptoProviders.bouncyCastle())
              .setPassword(password)
              .build();
      return encode(new JcaPKCS8Generator(key, encryptor).generate());
    } catch (OperatorCreationException | IOException e) {
      throw new PkiException(PkiException.Code.CRYPTO_FAILURE, "cannot encrypt the key", e);
    }
  }

  /** Writes {@code text} to {@code file}. */
  public static void write(Path file, String text) {
    try {
      Files.writeString(file, text, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot write " + file + ": " + e, e);
    }
  }

  /** Every certificate in a PEM file, in order; at least one. */
  public static List<X509Certificate> readCertificates(Path file) {
    List<X509Certificate> certificates = new ArrayList<>();
    for (Object object : readAll(file)) {
      if (!(object instanceof X509CertificateHolder holder)) {
        throw notA("certificate", file);
      }
      try {
        certificates.add(
            new JcaX509CertificateConverter()
                .setProvider(CryptoProviders.certificates())
                .getCertificate(holder));
      } catch (CertificateException e) {
        throw new PkiException(PkiException.Code.BAD_INPUT, file + ": bad certificate", e);
      }
    }
    if (certificates.isEmpty()) {
      throw notA("certificate", file);
    }
    return certificates;
  }

  /** The one certificate in a PEM file. */
  public static X509Certificate readCertificate(Path file) {
    return readCertificates(file).get(0);
  }

  /** Every CRL in a PEM file; at least one. */
  public static List<X509CRL> readCrls(Path file) {
    List<X509CRL> crls = new ArrayList<>();
    for (Object object : readAll(file)) {
      if (!(object instanceof X509CRLHolder holder)) {
        throw notA("CRL", file);
      }
      try {
        crls.add(
            new JcaX509CRLConverter().setProvider(CryptoProviders.certificates()).getCRL(holder));
      } catch (CRLException e) {
        throw new PkiException(PkiException.Code.BAD_INPUT, file + ": bad CRL", e);
      }
    }
    if (crls.isEmpty()) {
      throw notA("CRL", file);
    }
    return crls;
  }

  /** The one CSR in a PEM file. */
  public static PKCS10CertificationRequest readCsr(Path file) {
    List<Object> objects = readAll(file);
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
      throw notA("certificate signing request (CSR)", file);
    }
    return csr;
  }

  /** The CSR in PEM text. */
  public static PKCS10CertificationRequest parseCsr(String text) {
    List<Object> objects = parse(new StringReader(text), "the CSR text");
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS10CertificationRequest csr)) {
      throw new PkiException(PkiException.Code.BAD_INPUT, "the text is not one PEM CSR");
    }
    return csr;
  }

  /** The private key in an encrypted PKCS#8 PEM file. */
  public static PrivateKey readEncryptedKey(Path file, char[] password) {
    List<Object> objects = readAll(file);
    if (objects.size() != 1 || !(objects.get(0) instanceof PKCS8EncryptedPrivateKeyInfo info)) {
      throw notA("encrypted private key", file);
    }
    try {
      PrivateKeyInfo plain =
          info.decryptPrivateKeyInfo(
              new JceOpenSSLPKCS8DecryptorProviderBuilder()
                  .setProvider(CryptoProviders.bouncyCastle())
                  .build(password));
      return new JcaPEMKeyConverter()
          .setProvider(CryptoProviders.bouncyCastle())
          .getPrivateKey(plain);
    } catch (PKCSException e) {
      throw new PkiException(
          PkiException.Code.WRONG_PASSWORD, "wrong password for the key in " + file, e);
    } catch (OperatorCreationException | IOException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, file + ": cannot read the key", e);
    }
  }

  private static List<Object> readAll(Path file) {
    byte[] bytes = BoundedRead.file(file, MAX_FILE_BYTES, "the PEM file");
    return parse(new StringReader(new String(bytes, StandardCharsets.US_ASCII)), file.toString());
  }

  private static List<Object> parse(Reader reader, String where) {
    List<Object> objects = new ArrayList<>();
    try (PEMParser parser = new PEMParser(reader)) {
      for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
        objects.add(object);
      }
    } catch (IOException | RuntimeException e) {
      throw new PkiException(PkiException.Code.BAD_INPUT, where + " is not valid PEM", e);
    }
    return objects;
  }

  private static PkiException notA(String what, Path file) {
    return new PkiException(PkiException.Code.BAD_INPUT, file + " does not hold a PEM " + what);
  }
}
