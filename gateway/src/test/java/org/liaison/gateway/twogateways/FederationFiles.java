package org.liaison.gateway.twogateways;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.liaison.gateway.dev.DevelopmentFederation;
import org.liaison.gateway.units.HostedUnit;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.CaPolicy;
import org.liaison.pki.ca.CertificateAuthority;
import org.liaison.pki.ca.FolderCaStore;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pem;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.pki.validation.CertificateValidator;
import org.liaison.pki.validation.RevocationPolicy;
import org.liaison.pki.validation.TrustContext;
import org.liaison.schemas.UnitId;

/**
 * One federation for every gateway of a test class, generated at test time into a folder in the
 * shape a production gateway is configured with: a PKCS#12 key store per unit with its password
 * file, PEM trust anchor, intermediate and CRLs, and each unit's encryption certificate as a PEM
 * file to give the other gateways as a peer.
 */
public final class FederationFiles {

  private final DevelopmentFederation.Material material;

  private FederationFiles(DevelopmentFederation.Material material) {
    this.material = material;
  }

  public static FederationFiles create(Path folder, List<UnitId> units) {
    var material = DevelopmentFederation.openOrCreate(folder, units, Clock.systemUTC());
    for (HostedUnit unit : material.units()) {
      Pem.write(peerFile(folder, unit.id()), Pem.encode(unit.encryption().certificate()));
    }
    return new FederationFiles(material);
  }

  Path keystore(UnitId unit) {
    return material.folder().resolve("units").resolve(unit.value() + ".p12");
  }

  Path passwordFile() {
    return material.folder().resolve("password");
  }

  Path trustAnchor() {
    return material.folder().resolve("trust-anchor.pem");
  }

  Path issuingCa() {
    return material.folder().resolve("issuing-ca.pem");
  }

  Path crls() {
    return material.folder().resolve("crls.pem");
  }

  Path peer(UnitId unit) {
    return peerFile(material.folder(), unit);
  }

  /** A unit's keys, for tests that play a misbehaving sender outside any gateway. */
  HostedUnit unit(UnitId unit) {
    return material.units().stream()
        .filter(u -> u.id().equals(unit))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no unit " + unit));
  }

  /** A unit's Kafka TLS key, as its gateway reads it from the unit's key store. */
  PrivateKeyHandle tls(UnitId unit) {
    return Pkcs12Store.read(keystore(unit), password(), "tls");
  }

  /**
   * A fresh key with a service certificate for {@code name} and {@code hosts} from the federation's
   * issuing CA: a Kafka broker's, say.
   */
  PrivateKeyHandle issueService(String name, List<String> hosts) {
    Path folder = material.folder();
    PrivateKeyHandle caKey = Pkcs12Store.read(folder.resolve("issuing.p12"), password(), "issuing");
    CertificateAuthority issuing =
        new CertificateAuthority(
            caKey,
            FolderCaStore.open(folder.resolve("issuing")),
            CaPolicy.defaults(),
            Clock.systemUTC());
    KeyPair keys = KeyAlgorithm.EC_P256.generate();
    X509Certificate certificate = issuing.issueService(keys.getPublic(), name, hosts).certificate();
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    chain.addAll(caKey.chain());
    return KeyEntry.software(name, keys.getPrivate(), chain);
  }

  private char[] password() {
    try {
      return Files.readString(passwordFile()).strip().toCharArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  X509Certificate encryption(UnitId unit) {
    return unit(unit).encryption().certificate();
  }

  /** The federation's root certificate. */
  X509Certificate rootCertificate() {
    return material.trustAnchor();
  }

  /** A validator of the federation's certificates, as a gateway holds one. */
  CertificateValidator validator() {
    return new CertificateValidator(
        new TrustContext(
            List.of(material.trustAnchor()),
            List.of(material.issuingCa()),
            material.crls(),
            RevocationPolicy.REQUIRE));
  }

  private static Path peerFile(Path folder, UnitId unit) {
    return folder.resolve("peer-" + unit.value() + ".pem");
  }
}
