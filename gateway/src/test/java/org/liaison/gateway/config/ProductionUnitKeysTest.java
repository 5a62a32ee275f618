package org.liaison.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.startup.InvalidSettingException;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.keys.KeyEntry;
import org.liaison.pki.keys.Pkcs12Store;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/**
 * A production gateway's hosted units as read at start: the same loading and key checks as a
 * reload, and the digest of the bytes read, from which the reloader notices the next change.
 */
class ProductionUnitKeysTest {

  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static FederationKit kit;

  @TempDir Path dir;

  @BeforeAll
  static void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(CIB));
  }

  @Test
  void aStoreWithItsKeysIsLoadedWithItsOlderEncryptionKeys() throws Exception {
    PrivateKeyHandle older = kit.unit(CIB).tls();
    Path store =
        store(
            as("signing", kit.unit(CIB).signing()),
            as("encryption", kit.unit(CIB).encryption()),
            as("encryption-2026-11", older));

    var keys = new ProductionConfiguration().startKeys(props(store));

    assertThat(keys.units()).hasSize(1);
    assertThat(keys.units().get(0).encryption().certificate())
        .isEqualTo(kit.unit(CIB).encryption().certificate());
    assertThat(keys.units().get(0).olderEncryption())
        .extracting(PrivateKeyHandle::alias)
        .containsExactly("encryption-2026-11");
    assertThat(keys.stores().get(0).loadedDigest())
        .isEqualTo(org.liaison.gateway.units.KeyStoreReloader.sha256(Files.readAllBytes(store)));
  }

  @Test
  void aKeyThatIsNotItsCertificatesStopsTheStart() {
    Path store =
        store(
            as("signing", kit.unit(CIB).signing()),
            KeyEntry.software(
                "encryption",
                kit.unit(CIB).signing().privateKey(),
                kit.unit(CIB).encryption().chain()));

    assertThatThrownBy(() -> new ProductionConfiguration().startKeys(props(store)))
        .isInstanceOf(InvalidSettingException.class)
        .hasMessageContaining("TH.CIB in " + store)
        .hasMessageContaining("[KEY_MISMATCH]")
        .hasMessageContaining("key 'encryption' is not the key of its certificate");
  }

  private Path store(KeyEntry... entries) {
    Path store = dir.resolve("cib.p12");
    Pkcs12Store.write(store, "secret".toCharArray(), List.of(entries));
    return store;
  }

  private static KeyEntry as(String alias, PrivateKeyHandle key) {
    return KeyEntry.software(alias, key.privateKey(), key.chain());
  }

  private LiaisonProperties props(Path store) throws Exception {
    Path password = Files.writeString(dir.resolve("password"), "secret");
    var unit = new LiaisonProperties.Unit(CIB.value(), store, password, null, null, null, null);
    return new LiaisonProperties(
        null, null, null, null, List.of(unit), null, null, null, null, null);
  }
}
