package org.liaison.gateway.units;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.liaison.pki.KeyAlgorithm;
import org.liaison.pki.ca.FederationKit;
import org.liaison.pki.keys.PrivateKeyHandle;
import org.liaison.schemas.UnitId;

/** A hosted unit's keys replaced whole, seen at once by whoever holds the unit's supplier. */
class HostedUnitsTest {

  private static final UnitId NCB = UnitId.of("NL.NCB");
  private static final UnitId CIB = UnitId.of("TH.CIB");
  private static FederationKit kit;

  @BeforeAll
  static void federation() {
    kit = FederationKit.create(KeyAlgorithm.EC_P256, List.of(NCB, CIB));
  }

  @Test
  void aReplacedUnitIsSeenWholeByItsSupplierAndTheOthersStay() {
    HostedUnit ncb = unit(NCB, kit.unit(NCB).encryption());
    HostedUnit cib = unit(CIB, kit.unit(CIB).encryption());
    HostedUnits hosted = new HostedUnits(List.of(ncb, cib));
    Supplier<HostedUnit> current = hosted.current(CIB);
    HostedUnit taken = current.get();

    HostedUnit rotated =
        new HostedUnit(
            CIB, kit.unit(CIB).signing(), kit.unit(CIB).tls(), List.of(kit.unit(CIB).encryption()));
    hosted.replace(rotated);

    assertThat(current.get()).isSameAs(rotated);
    assertThat(hosted.find(CIB)).containsSame(rotated);
    assertThat(taken).as("a set taken before the swap is unchanged").isSameAs(cib);
    assertThat(taken.encryption()).isSameAs(kit.unit(CIB).encryption());
    assertThat(hosted.find(NCB)).containsSame(ncb);
    assertThat(hosted.all()).containsExactly(ncb, rotated);
  }

  @Test
  void onlyAHostedUnitCanBeReplaced() {
    HostedUnits hosted = new HostedUnits(List.of(unit(NCB, kit.unit(NCB).encryption())));

    assertThatThrownBy(() -> hosted.replace(unit(CIB, kit.unit(CIB).encryption())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TH.CIB is not hosted here");
    assertThatThrownBy(() -> hosted.current(CIB)).isInstanceOf(IllegalArgumentException.class);
    assertThat(hosted.ids()).containsExactly(NCB);
  }

  private static HostedUnit unit(UnitId id, PrivateKeyHandle encryption) {
    return new HostedUnit(id, kit.unit(id).signing(), encryption);
  }
}
