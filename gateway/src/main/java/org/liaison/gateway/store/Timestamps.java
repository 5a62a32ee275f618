package org.liaison.gateway.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants as the JDBC drivers of both databases take and give them: UTC offset date-times. */
final class Timestamps {

  private Timestamps() {}

  static OffsetDateTime of(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(OffsetDateTime value) {
    return value == null ? null : value.toInstant();
  }

  /** The instant in {@code column} of the current row, or null. */
  static Instant instant(ResultSet rs, String column) throws SQLException {
    return instant(rs.getObject(column, OffsetDateTime.class));
  }
}
