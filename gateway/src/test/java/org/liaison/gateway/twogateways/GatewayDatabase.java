package org.liaison.gateway.twogateways;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;

/**
 * The database of one gateway under test, as Spring properties: an H2 file in the gateway's folder
 * (so that a restarted gateway finds it again), or a schema of its own in the PostgreSQL at
 * 127.0.0.1:5432 (database {@code test}) that Flyway creates and migrates and {@link #drop}
 * removes.
 */
public record GatewayDatabase(Kind kind, String url, String schema) {

  public enum Kind {
    H2,
    POSTGRESQL
  }

  static final String POSTGRES_URL =
      System.getProperty("liaison.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String POSTGRES_USER = System.getProperty("liaison.test.postgres.user", "postgres");

  public static GatewayDatabase of(Kind kind, Path folder) {
    return switch (kind) {
      case H2 -> new GatewayDatabase(kind, "jdbc:h2:file:" + folder.resolve("db/gateway"), null);
      case POSTGRESQL -> {
        String schema = "gw_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        yield new GatewayDatabase(kind, POSTGRES_URL + "?currentSchema=" + schema, schema);
      }
    };
  }

  /** Command-line arguments that point a gateway at this database. */
  public List<String> arguments() {
    return switch (kind) {
      case H2 ->
          List.of(
              "--spring.datasource.url=" + url,
              "--spring.datasource.username=sa",
              "--spring.datasource.password=");
      case POSTGRESQL ->
          List.of(
              "--spring.datasource.url=" + url,
              "--spring.datasource.username=" + POSTGRES_USER,
              "--spring.datasource.password=",
              "--spring.flyway.schemas=" + schema);
    };
  }

  /** Removes a PostgreSQL schema; an H2 file goes with its temporary folder. */
  public void drop() throws SQLException {
    if (kind == Kind.POSTGRESQL) {
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
        c.createStatement().execute("drop schema if exists " + schema + " cascade");
      }
    }
  }
}
