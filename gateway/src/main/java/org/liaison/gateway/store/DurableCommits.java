package org.liaison.gateway.store;

import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Makes every commit the gateway relies on durable before it answers 202, sends a receipt or
 * commits a Kafka offset. H2 keeps a committed transaction in memory for up to its write delay (500
 * ms by default), so a {@code kill -9} lost notices already acknowledged: the write delay is set to
 * 0 here (a persistent database setting), whatever the URL says. On PostgreSQL a session with
 * {@code synchronous_commit = off} has the same hole, so the gateway refuses to start on one.
 */
public final class DurableCommits {

  private DurableCommits() {}

  /** Applies or checks the durability setting of the database behind {@code jdbc}. */
  public static void ensure(JdbcClient jdbc, String databaseProductName) {
    String product = databaseProductName.toLowerCase(Locale.ROOT);
    if (product.contains("h2")) {
      jdbc.sql("SET WRITE_DELAY 0").update();
    } else if (product.contains("postgres")) {
      String mode = jdbc.sql("SHOW synchronous_commit").query(String.class).single();
      if ("off".equalsIgnoreCase(mode)) {
        throw new IllegalStateException(
            "synchronous_commit is off for the gateway's sessions: a commit the gateway"
                + " acknowledges could be lost; set it to on (or local, remote_write) for its role");
      }
    }
  }
}
