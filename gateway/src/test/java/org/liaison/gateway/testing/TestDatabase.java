package org.liaison.gateway.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A migrated, empty database of either kind the gateway supports, private to one test: an H2
 * in-memory database, or a schema of its own in the PostgreSQL at 127.0.0.1:5432 (database {@code
 * test}), dropped on close. PostgreSQL being absent fails the test: CI provides it.
 */
public final class TestDatabase implements AutoCloseable {

  public enum Kind {
    H2,
    POSTGRESQL
  }

  static final String POSTGRES_URL =
      System.getProperty("liaison.test.postgres.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String POSTGRES_USER = System.getProperty("liaison.test.postgres.user", "postgres");

  private final Kind kind;
  private final String name;
  private final SingleConnectionDataSource dataSource;

  private TestDatabase(Kind kind, String name, SingleConnectionDataSource dataSource) {
    this.kind = kind;
    this.name = name;
    this.dataSource = dataSource;
  }

  public static TestDatabase create(Kind kind) {
    String name = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    SingleConnectionDataSource ds =
        switch (kind) {
          case H2 -> new SingleConnectionDataSource("jdbc:h2:mem:" + name, "sa", "", true);
          case POSTGRESQL -> {
            try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
              c.createStatement().execute("create schema " + name);
            } catch (SQLException e) {
              throw new IllegalStateException(
                  "PostgreSQL is needed at "
                      + POSTGRES_URL
                      + " (user "
                      + POSTGRES_USER
                      + "); ./verify starts it: "
                      + e.getMessage(),
                  e);
            }
            yield new SingleConnectionDataSource(
                POSTGRES_URL + "?currentSchema=" + name, POSTGRES_USER, "", true);
          }
        };
    Flyway.configure()
        .dataSource(ds)
        .schemas(kind == Kind.POSTGRESQL ? name : "PUBLIC")
        .load()
        .migrate();
    return new TestDatabase(kind, name, ds);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Transactions on {@link #dataSource}, as the gateway's transaction manager runs them. */
  public TransactionTemplate transactions() {
    return new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void close() throws SQLException {
    dataSource.destroy();
    if (kind == Kind.POSTGRESQL) {
      try (Connection c = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "")) {
        c.createStatement().execute("drop schema " + name + " cascade");
      }
    }
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
