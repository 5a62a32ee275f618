package org.liaison.gateway.store;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Tells a database that cannot be reached (stopped, restarting, its connections cut, the pool
 * waiting in vain for one) from a fault of the request or the code. The first is an outage that
 * ends by itself: the caller is told to retry, and nothing was acknowledged. The second stays a
 * 500.
 */
public final class DatabaseFailures {

  private DatabaseFailures() {}

  /** Whether {@code failure}, or any of its causes, says the database cannot be reached. */
  public static boolean unavailable(Throwable failure) {
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof DataAccessResourceFailureException
          || t instanceof CannotCreateTransactionException
          || t instanceof SQLTransientConnectionException
          || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
      if (t instanceof SQLException sql && connectionLost(sql.getSQLState())) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  /**
   * SQL states of a lost server: class 08 (connection exception) and 57P (the server shut down or
   * is starting: "terminating connection due to administrator command", "the database system is
   * starting up").
   */
  private static boolean connectionLost(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
