package org.liaison.gateway.twogateways;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.liaison.schemas.UnitId;

/**
 * The command line of a production-mode gateway under test, as an operator would write it: the
 * hosted units' key stores, the federation's trust material and peers, Kafka, the database and the
 * data folder. The same arguments start a gateway in the test's JVM ({@link GatewayNode}) or in a
 * process of its own (the crash test).
 */
public final class GatewayArguments {

  private GatewayArguments() {}

  /**
   * A gateway hosting {@code hosted}, knowing {@code peers}' encryption certificates, with its data
   * in {@code folder}; {@code kafkaSecurity} are its {@code liaison.kafka.tls} arguments. Tokens
   * and the HTTP port are the caller's to add.
   */
  public static List<String> production(
      FederationFiles federation,
      List<UnitId> hosted,
      List<UnitId> peers,
      String bootstrapServers,
      List<String> kafkaSecurity,
      GatewayDatabase database,
      Path folder,
      Duration ackTimeout) {
    List<String> args = new ArrayList<>();
    args.add("--liaison.development.enabled=false");
    args.add("--spring.main.banner-mode=off");
    args.add("--liaison.data-dir=" + folder);
    args.add("--liaison.kafka.bootstrap-servers=" + bootstrapServers);
    args.add("--liaison.kafka.partitions=1");
    args.add("--liaison.kafka.provision-topics=true");
    args.add("--liaison.kafka.ack-timeout=" + ackTimeout);
    args.addAll(kafkaSecurity);
    for (int i = 0; i < hosted.size(); i++) {
      String unit = "--liaison.units[" + i + "].";
      args.add(unit + "id=" + hosted.get(i).value());
      args.add(unit + "keystore=" + federation.keystore(hosted.get(i)));
      args.add(unit + "password-file=" + federation.passwordFile());
    }
    args.add("--liaison.trust.anchors[0]=" + federation.trustAnchor());
    args.add("--liaison.trust.intermediates[0]=" + federation.issuingCa());
    args.add("--liaison.trust.crls[0]=" + federation.crls());
    for (int i = 0; i < peers.size(); i++) {
      args.add("--liaison.peers[" + i + "]=" + federation.peer(peers.get(i)));
    }
    args.addAll(database.arguments());
    // Tests run plain HTTP on loopback; a production gateway refuses to start so without this.
    args.add("--liaison.security.allow-plain-http=true");
    return args;
  }
}
