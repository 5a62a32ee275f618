package org.liaison.gateway.web;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.stereotype.Component;

/**
 * Times on the pages, as {@code @times.format(...)}: UTC always, said so, to the second. Attachés
 * and their home units sit in different time zones; one clock on every page avoids a wrong "when".
 */
@Component("times")
public class WebTimes {

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  public String format(Instant instant) {
    return instant == null ? "" : FORMAT.format(instant);
  }
}
