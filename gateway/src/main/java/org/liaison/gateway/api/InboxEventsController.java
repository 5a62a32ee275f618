package org.liaison.gateway.api;

import java.io.IOException;
import java.util.Map;
import org.liaison.gateway.inbound.InboxEventsProperties;
import org.liaison.gateway.inbound.InboxFeed;
import org.liaison.gateway.store.InboxEntry;
import org.liaison.gateway.units.HostedUnits;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /api/v1/inbox/events}: a server-sent event stream of the notices arriving in the
 * caller's unit's inbox, for the web pages and for police systems alike. Each event is named {@code
 * notice}, its data the inbox listing item as JSON, its id the place to resume from with {@code
 * Last-Event-ID}. See {@link InboxFeed} for what is sent when.
 */
@RestController
public class InboxEventsController {

  /** How long a client waits before reconnecting when the stream ends, in milliseconds. */
  static final long RECONNECT_MILLIS = 3000;

  private final HostedUnits hosted;
  private final InboxFeed feed;
  private final InboxEventsProperties props;

  public InboxEventsController(HostedUnits hosted, InboxFeed feed, InboxEventsProperties props) {
    this.hosted = hosted;
    this.feed = feed;
    this.props = props;
  }

  @GetMapping(path = "/api/v1/inbox/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
  SseEmitter events(
      Caller caller, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
    String unit = HostedCaller.unit(hosted, caller).id().value();
    InboxFeed.EventId resumeAfter = null;
    if (lastEventId != null && !lastEventId.isBlank()) {
      try {
        resumeAfter = InboxFeed.EventId.parse(lastEventId.strip());
      } catch (IllegalArgumentException e) {
        throw new ApiProblem(HttpStatus.BAD_REQUEST, "PARAMETER_INVALID", e.getMessage());
      }
    }
    var emitter = new SseEmitter(props.timeout().toMillis());
    var stream =
        feed.open(unit, resumeAfter, new EmitterSink(emitter))
            .orElseThrow(
                () ->
                    new ApiProblem(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "EVENT_STREAMS_EXHAUSTED",
                        "This gateway has as many inbox streams open as it allows;"
                            + " retry after the time in Retry-After, or list the inbox instead",
                        Map.of(),
                        5));
    try {
      emitter.send(SseEmitter.event().reconnectTime(RECONNECT_MILLIS).comment("inbox " + unit));
    } catch (IOException e) {
      stream.close();
      emitter.completeWithError(e);
      return emitter;
    }
    emitter.onCompletion(stream::close);
    emitter.onTimeout(
        () -> {
          stream.close();
          emitter.complete();
        });
    emitter.onError(e -> stream.close());
    return emitter;
  }

  /** Writes a stream's events into the emitter. */
  private record EmitterSink(SseEmitter emitter) implements InboxFeed.Sink {

    @Override
    public void event(String id, InboxEntry entry) throws IOException {
      emitter.send(
          SseEmitter.event()
              .id(id)
              .name("notice")
              .data(Views.InboxItem.of(entry), MediaType.APPLICATION_JSON));
    }

    @Override
    public void keepAlive() throws IOException {
      emitter.send(SseEmitter.event().comment("keep-alive"));
    }
  }
}
