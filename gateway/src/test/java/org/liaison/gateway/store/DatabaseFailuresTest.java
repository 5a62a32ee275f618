package org.liaison.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.CannotCreateTransactionException;

class DatabaseFailuresTest {

  @Test
  void aLostOrStoppedServerIsAnOutage() {
    assertThat(DatabaseFailures.unavailable(new DataAccessResourceFailureException("gone")))
        .isTrue();
    assertThat(DatabaseFailures.unavailable(new CannotCreateTransactionException("no connection")))
        .isTrue();
    // PostgreSQL's "terminating connection due to administrator command", wrapped twice.
    assertThat(
            DatabaseFailures.unavailable(
                new ExecutionException(
                    new UncategorizedSQLException(
                        "insert", "insert", new SQLException("terminating", "57P01")))))
        .isTrue();
    assertThat(DatabaseFailures.unavailable(new SQLException("I/O error", "08006"))).isTrue();
  }

  @Test
  void anErrorTheServerAnswersIsNot() {
    assertThat(DatabaseFailures.unavailable(new DataIntegrityViolationException("duplicate")))
        .isFalse();
    assertThat(DatabaseFailures.unavailable(new SQLException("syntax", "42601"))).isFalse();
    assertThat(DatabaseFailures.unavailable(new SQLException("no state"))).isFalse();
    assertThat(DatabaseFailures.unavailable(new IllegalStateException("bug"))).isFalse();
  }
}
