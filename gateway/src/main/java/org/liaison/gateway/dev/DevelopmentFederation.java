package org.liaison.gateway.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaPolicy;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.CertificateProfile;
import org.liaison.pki.ca.CsrBuilder;
import org.liaison.pki.ca.FolderCaStore;
import org.liaison.pki.ca.SerialSource;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The development federation, kept in a folder so that the next start finds the same CAs, keys and
 * certificates:
 *
 * <pre>
 * password                 the password of every PKCS#12 file here (generated, owner-only)
 * root/, issuing/          the CAs' crash-safe registers (issued certificates, CRLs)
 * root.p12, issuing.p12    the CAs' keys
 * units/&lt;unit&gt;.p12         a unit's signing, encryption and tls keys with their chains
 * trust-anchor.pem         the root certificate, for tools (openssl, liaison-pki)
 * issuing-ca.pem, crls.pem the intermediate and the current CRLs, rewritten at each start
 * </pre>
 *
 * Each start issues fresh CRLs, so that a development setup left for weeks never fails closed on
 * stale revocation information.
 */
public final class DevelopmentFederation {

  private static final Logger log = LoggerFactory.getLogger(DevelopmentFederation.class);
  private static final KeyAlgorithm ALGORITHM = KeyAlgorithm.EC_P256;
  private static final List<String> ALIASES = List.of("signing", "encryption", "tls");

  /** What the gateway needs of the federation. */
  public record Material(
      List<HostedUnit> units,
      X509Certificate trustAnchor,
      X509Certificate issuingCa,
      List<X509CRL> crls,
      Path folder) {}

  private DevelopmentFederation() {}

  /** Opens the federation in {@code folder}, making what is missing (all of it, the first time). */
  public static Material openOrCreate(Path folder, List<UnitId> units, Clock clock) {
    try {
      Files.createDirectories(folder.resolve("units"));
      char[] password = password(folder.resolve("password"));
      CertificateAuthority root = root(folder, password, clock);
      CertificateAuthority issuing = issuing(folder, password, root, clock);
      List<HostedUnit> hosted = new ArrayList<>();
      for (UnitId unit : units) {
        hosted.add(unit(folder, password, issuing, unit));
      }
      List<X509CRL> crls = List.of(root.createCrl(), issuing.createCrl());
      Pem.write(folder.resolve("trust-anchor.pem"), Pem.encode(root.certificate()));
      Pem.write(folder.resolve("issuing-ca.pem"), Pem.encode(issuing.certificate()));
      Pem.write(folder.resolve("crls.pem"), Pem.encode(crls.toArray()));
      return new Material(
          List.copyOf(hosted), root.certificate(), issuing.certificate(), crls, folder);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the development federation in " + folder, e);
    }
  }

  private static CertificateAuthority root(Path folder, char[] password, Clock clock) {
    Path keyFile = folder.resolve("root.p12");
    FolderCaStore store = FolderCaStore.open(folder.resolve("root"));
    PrivateKeyHandle key;
    if (Files.exists(keyFile)) {
      key = Pkcs12Store.read(keyFile, password, "root");
    } else {
      log.info("Creating the development root CA in {}", folder);
      key =
          CertificateAuthority.createRoot(
              "root",
              ALGORITHM.generate(),
              Optional.empty(),
              "Liaison Development Root CA",
              store,
              clock,
              SerialSource.random());
      Pkcs12Store.write(keyFile, password, List.of(key));
    }
    return new CertificateAuthority(key, store, CaPolicy.defaults(), clock);
  }

  private static CertificateAuthority issuing(
      Path folder, char[] password, CertificateAuthority root, Clock clock) {
    Path keyFile = folder.resolve("issuing.p12");
    PrivateKeyHandle key;
    if (Files.exists(keyFile)) {
      key = Pkcs12Store.read(keyFile, password, "issuing");
    } else {
      KeyPair pair = ALGORITHM.generate();
      X509Certificate cert =
          root.issueCa(pair.getPublic(), "Liaison Development Issuing CA").certificate();
      key = KeyEntry.software("issuing", pair.getPrivate(), List.of(cert, root.certificate()));
      Pkcs12Store.write(keyFile, password, List.of(key));
    }
    return new CertificateAuthority(
        key, FolderCaStore.open(folder.resolve("issuing")), CaPolicy.defaults(), clock);
  }

  private static HostedUnit unit(
      Path folder, char[] password, CertificateAuthority issuing, UnitId unit) {
    Path file = folder.resolve("units").resolve(unit.value() + ".p12");
    if (!Files.exists(file)) {
      log.info("Issuing development keys and certificates for {}", unit);
      List<PrivateKeyHandle> entries = new ArrayList<>();
      for (CertificateProfile profile :
          List.of(
              CertificateProfile.SIGNING, CertificateProfile.ENCRYPTION, CertificateProfile.TLS)) {
        KeyPair pair = ALGORITHM.generate();
        X509Certificate cert =
            issuing
                .issue(
                    CsrBuilder.create(
                        unit, profile, pair.getPublic(), pair.getPrivate(), Optional.empty()),
                    unit,
                    profile)
                .certificate();
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(cert);
        chain.addAll(issuing.chain());
        entries.add(
            KeyEntry.software(ALIASES.get(entries.size()), pair.getPrivate(), List.copyOf(chain)));
      }
      Pkcs12Store.write(file, password, entries);
    }
    return new HostedUnit(
        unit,
        Pkcs12Store.read(file, password, "signing"),
        Pkcs12Store.read(file, password, "encryption"));
  }

  /** The folder's password, made on first use and readable by the owner only. */
  private static char[] password(Path file) throws IOException {
    if (!Files.exists(file)) {
      byte[] random = new byte[24];
      new SecureRandom().nextBytes(random);
      Files.writeString(file, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException e) {
        log.warn("Cannot restrict the permissions of {} on this file system", file);
      }
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip().toCharArray();
  }
}
