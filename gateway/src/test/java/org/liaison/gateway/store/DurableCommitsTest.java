package org.liaison.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.testing.TestDatabase;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

class DurableCommitsTest {

  @Test
  void anH2FileDatabaseOpenedWithoutWriteDelayZeroGetsIt(@TempDir Path folder) {
    SingleConnectionDataSource ds =
        new SingleConnectionDataSource("jdbc:h2:file:" + folder.resolve("db"), "sa", "", true);
    try {
      JdbcClient jdbc = JdbcClient.create(ds);
      assertThat(writeDelay(jdbc)).isNotEmpty().anyMatch(v -> !v.equals("0"));

      DurableCommits.ensure(jdbc, "H2");

      assertThat(writeDelay(jdbc)).containsOnly("0");
    } finally {
      ds.destroy();
    }
  }

  @Test
  void aPostgreSqlSessionWithSynchronousCommitOffIsRefused() throws Exception {
    try (TestDatabase db = TestDatabase.create(TestDatabase.Kind.POSTGRESQL)) {
      JdbcClient jdbc = JdbcClient.create(db.dataSource());
      DurableCommits.ensure(jdbc, "PostgreSQL");

      jdbc.sql("SET synchronous_commit = off").update();

      assertThatThrownBy(() -> DurableCommits.ensure(jdbc, "PostgreSQL"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("synchronous_commit");
    }
  }

  /** H2 lists the setting twice (the database's and the session's view); both must agree. */
  private static List<String> writeDelay(JdbcClient jdbc) {
    return jdbc.sql(
            "select setting_value from information_schema.settings"
                + " where setting_name = 'WRITE_DELAY'")
        .query(String.class)
        .list();
  }
}
