package org.liaison.gateway.twogateways;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A server-sent event stream as a client reads it (the WHATWG event-stream format): events are
 * parsed on a thread of their own as their lines arrive, and a test takes them in order.
 */
final class EventStream implements AutoCloseable {

  /** One event: its id, its name ({@code message} when unnamed) and its data lines joined. */
  record Event(String id, String name, String data) {}

  private final HttpResponse<Stream<String>> response;
  private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
  private final Thread reader;

  EventStream(HttpResponse<Stream<String>> response) {
    this.response = response;
    this.reader = new Thread(this::read, "event-stream-reader");
    reader.setDaemon(true);
    reader.start();
  }

  int status() {
    return response.statusCode();
  }

  String contentType() {
    return response.headers().firstValue("Content-Type").orElse("");
  }

  /** The next event that {@code wanted} accepts, skipping others; fails after {@code patience}. */
  Event next(Predicate<Event> wanted, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      long left = deadline - System.nanoTime();
      Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : null;
      if (e == null) {
        throw new AssertionError("no such event within " + patience);
      }
      if (wanted.test(e)) {
        return e;
      }
    }
  }

  /** Every event received by now, waiting {@code quiet} for more. */
  List<Event> drain(Duration quiet) throws InterruptedException {
    List<Event> all = new ArrayList<>();
    Event e;
    while ((e = events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS)) != null) {
      all.add(e);
    }
    return all;
  }

  private void read() {
    String id = null;
    String name = null;
    StringBuilder data = null;
    try (Stream<String> lines = response.body()) {
      for (var it = lines.iterator(); it.hasNext(); ) {
        String line = it.next();
        if (line.isEmpty()) {
          if (data != null) {
            events.add(new Event(id, name == null ? "message" : name, data.toString()));
          }
          name = null;
          data = null;
        } else if (!line.startsWith(":")) { // a line starting with a colon is a comment
          int colon = line.indexOf(':');
          String field = colon < 0 ? line : line.substring(0, colon);
          String value = colon < 0 ? "" : line.substring(colon + 1);
          value = value.startsWith(" ") ? value.substring(1) : value;
          switch (field) {
            case "id" -> id = value;
            case "event" -> name = value;
            case "data" ->
                data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
            default -> {}
          }
        }
      }
    } catch (RuntimeException e) {
      // The stream was closed by the test or the server: no more events.
    }
  }

  @Override
  public void close() {
    response.body().close();
    reader.interrupt();
  }
}
