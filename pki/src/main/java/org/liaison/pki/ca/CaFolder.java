package org.liaison.pki.ca;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.PkiException;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;

/**
 * A CA kept in a folder, as the {@code liaison-pki} command keeps it:
 *
 * <pre>
 * ca.p12          the CA's key and chain (alias "ca"), protected by the CA password
 * ca.pem          the CA's chain, to hand out
 * ca.properties   the CA's name and where its CRL is published
 * crl.pem         the latest CRL, to publish
 * register/       issued certificates, revocations, serials, CRL number ({@link FolderCaStore})
 * </pre>
 */
public final class CaFolder {

  private static final String ALIAS = "ca";

  private CaFolder() {}

  /** Creates a root CA in the new folder {@code dir}. */
  public static CertificateAuthority initRoot(
      Path dir,
      String name,
      KeyAlgorithm algorithm,
      Optional<URI> crlUri,
      char[] password,
      Clock clock) {
    prepare(dir);
    FolderCaStore store = FolderCaStore.open(dir.resolve("register"));
    PrivateKeyHandle key =
        CertificateAuthority.createRoot(
            ALIAS,
            algorithm.generate(),
            Optional.empty(),
            name,
            store,
            clock,
            SerialSource.random());
    return finish(dir, name, crlUri, password, clock, store, key);
  }

  /** Creates an issuing CA in the new folder {@code dir}, certified by {@code root}. */
  public static CertificateAuthority initIssuing(
      Path dir,
      CertificateAuthority root,
      String name,
      KeyAlgorithm algorithm,
      Optional<URI> crlUri,
      char[] password,
      Clock clock) {
    prepare(dir);
    KeyPair keys = algorithm.generate();
    X509Certificate certificate = root.issueCa(keys.getPublic(), name).certificate();
    KeyEntry key =
        KeyEntry.software(ALIAS, keys.getPrivate(), List.of(certificate, root.certificate()));
    return finish(
        dir, name, crlUri, password, clock, FolderCaStore.open(dir.resolve("register")), key);
  }

  /** Opens the CA in {@code dir} with its password, finishing any operation a crash cut short. */
  public static CertificateAuthority open(Path dir, char[] password, Clock clock) {
    Path p12 = dir.resolve("ca.p12");
    if (!Files.isRegularFile(p12)) {
      throw new PkiException(
          PkiException.Code.FILE_NOT_FOUND,
          "no CA in " + dir + " (no ca.p12): create it with 'ca init-root' or 'ca init-issuing'");
    }
    KeyEntry key = Pkcs12Store.read(p12, password, ALIAS);
    CertificateAuthority ca =
        new CertificateAuthority(
            key, FolderCaStore.open(dir.resolve("register")), policy(dir), clock);
    if (ca.recover()) {
      publishCrl(dir, ca.currentCrl().orElseThrow());
    }
    return ca;
  }

  /** The register of the CA in {@code dir}, readable without the CA password. */
  public static FolderCaStore register(Path dir) {
    if (!Files.isDirectory(dir.resolve("register"))) {
      throw new PkiException(
          PkiException.Code.FILE_NOT_FOUND, "no CA in " + dir + " (no register folder)");
    }
    return FolderCaStore.open(dir.resolve("register"));
  }

  /** Writes {@code crl} as {@code crl.pem} in the CA folder, ready to publish. */
  public static Path publishCrl(Path dir, X509CRL crl) {
    Path file = dir.resolve("crl.pem");
    Pem.write(file, Pem.encode(crl));
    return file;
  }

  private static void prepare(Path dir) {
    if (Files.exists(dir.resolve("ca.p12"))) {
      throw new PkiException(
          PkiException.Code.CA_STATE_INVALID, dir + " already holds a CA; choose another folder");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot create " + dir + ": " + e, e);
    }
  }

  private static CertificateAuthority finish(
      Path dir,
      String name,
      Optional<URI> crlUri,
      char[] password,
      Clock clock,
      FolderCaStore store,
      PrivateKeyHandle key) {
    Properties properties = new Properties();
    properties.setProperty("name", name);
    crlUri.ifPresent(uri -> properties.setProperty("crl-uri", uri.toString()));
    StringWriter text = new StringWriter();
    try {
      properties.store(text, "Liaison CA");
      Files.writeString(dir.resolve("ca.properties"), text.toString(), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new PkiException(PkiException.Code.IO_FAILURE, "cannot write ca.properties", e);
    }
    Pem.write(dir.resolve("ca.pem"), Pem.encode(key.chain().toArray()));
    CertificateAuthority ca = new CertificateAuthority(key, store, policy(dir), clock);
    publishCrl(dir, ca.createCrl());
    // The key file is written last: its presence marks a finished CA folder.
    Pkcs12Store.write(dir.resolve("ca.p12"), password, List.of(key));
    return ca;
  }

  private static CaPolicy policy(Path dir) {
    Properties properties = new Properties();
    try (Reader reader =
        Files.newBufferedReader(dir.resolve("ca.properties"), StandardCharsets.ISO_8859_1)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new PkiException(
          PkiException.Code.CA_STATE_INVALID, "cannot read " + dir.resolve("ca.properties"), e);
    }
    String crl = properties.getProperty("crl-uri");
    return crl == null ? CaPolicy.defaults() : CaPolicy.withCrlAt(URI.create(crl));
  }
}
