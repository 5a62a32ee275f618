package org.liaison.gateway.crash;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.liaison.schemas.UnitId;

/**
 * Police systems publishing through one gateway: a fixed set of notices, each with its own
 * Idempotency-Key and body, sent by a few client threads at once. A request not answered 202 (the
 * gateway down or killed mid-request, 409 while a crashed request's claim is leased, 503) goes back
 * to the queue and is sent again later with the same key and body, so that a client stuck on one
 * key does not hold up the others. Every answer with a notice id is kept for the audit.
 */
final class Publishers {

  /** A 202: which notice the key was answered with, when, and whether it was a replayed answer. */
  record Accepted(String key, UUID noticeId, Instant at, boolean repeated) {}

  private record Request(String key, String body, long dueNanos) implements Delayed {
    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(dueNanos, ((Request) other).dueNanos);
    }

    Request after(Duration pause) {
      return new Request(key, body, System.nanoTime() + pause.toNanos());
    }
  }

  private static final Duration NO_ANSWER_PAUSE = Duration.ofMillis(200);

  private final GatewayProcess gateway;
  private final UnitId as;
  private final Map<String, String> bodies;
  private final DelayQueue<Request> queue = new DelayQueue<>();
  private final Map<String, Accepted> first = new ConcurrentHashMap<>();
  private final List<Accepted> answers = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> refusals = new ConcurrentHashMap<>();
  private final List<String> unexpected = new CopyOnWriteArrayList<>();
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean stopped;

  /** {@code bodies}: the JSON to publish under each key, in the order to send them. */
  Publishers(GatewayProcess gateway, UnitId as, Map<String, String> bodies) {
    this.gateway = gateway;
    this.as = as;
    this.bodies = Map.copyOf(bodies);
    long due = System.nanoTime();
    for (var body : bodies.entrySet()) {
      queue.add(new Request(body.getKey(), body.getValue(), due++));
    }
  }

  /** Starts {@code clients} threads that publish until every key is answered 202. */
  Publishers start(int clients) {
    for (int i = 0; i < clients; i++) {
      Thread thread = new Thread(this::publish, "publisher-" + i);
      thread.setDaemon(true);
      threads.add(thread);
      thread.start();
    }
    return this;
  }

  private void publish() {
    while (!stopped && first.size() < bodies.size()) {
      Request request;
      try {
        request = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        return;
      }
      if (request != null) {
        send(request);
      }
    }
  }

  private void send(Request request) {
    GatewayProcess.Answer answer;
    try {
      answer =
          gateway.post(as, "/api/v1/notices", request.body(), "Idempotency-Key", request.key());
    } catch (IOException e) {
      // The gateway is down: this client waits before its next request, whichever key it is for.
      refused("no answer");
      queue.add(request.after(NO_ANSWER_PAUSE));
      LockSupport.parkNanos(NO_ANSWER_PAUSE.toNanos());
      return;
    }
    switch (answer.status()) {
      case 202 -> accepted(request.key(), answer);
      case 409 -> {
        refused("409 " + code(answer));
        queue.add(request.after(Duration.ofSeconds(1)));
      }
      case 503 -> {
        refused("503 " + code(answer));
        queue.add(request.after(Duration.ofMillis(500)));
      }
      default -> {
        unexpected.add(request.key() + ": " + answer.status() + " " + answer.json());
        queue.add(request.after(Duration.ofSeconds(1)));
      }
    }
  }

  private void accepted(String key, GatewayProcess.Answer answer) {
    var accepted =
        new Accepted(
            key,
            UUID.fromString(answer.json().get("noticeId").stringValue()),
            Instant.now(),
            answer.json().get("repeated").booleanValue());
    answers.add(accepted);
    first.putIfAbsent(key, accepted);
  }

  private void refused(String why) {
    refusals.computeIfAbsent(why, k -> new AtomicInteger()).incrementAndGet();
  }

  private static String code(GatewayProcess.Answer answer) {
    return answer.json() != null && answer.json().has("code")
        ? answer.json().get("code").stringValue()
        : "";
  }

  /** Sends {@code key} once more, as a client unsure of its first answer would. */
  GatewayProcess.Answer again(String key) throws IOException {
    GatewayProcess.Answer answer =
        gateway.post(as, "/api/v1/notices", bodies.get(key), "Idempotency-Key", key);
    if (answer.status() == 202) {
      accepted(key, answer);
    }
    return answer;
  }

  /** How many keys have been answered 202 at least once. */
  int acceptedCount() {
    return first.size();
  }

  boolean done() {
    return first.size() == bodies.size();
  }

  Set<String> keys() {
    return bodies.keySet();
  }

  /** The first 202 of each key answered so far. */
  Map<String, Accepted> firstAnswers() {
    return Map.copyOf(first);
  }

  /** Every 202, repeated answers included. */
  List<Accepted> answers() {
    return List.copyOf(answers);
  }

  /** Answers other than 202 that clients retried, counted by kind. */
  Map<String, Integer> refusals() {
    Map<String, Integer> counts = new TreeMap<>();
    refusals.forEach((k, v) -> counts.put(k, v.get()));
    return counts;
  }

  /** Answers no client should ever get (400, 422, 500…), with the key and the body. */
  List<String> unexpected() {
    return List.copyOf(unexpected);
  }

  void stop() {
    stopped = true;
    threads.forEach(Thread::interrupt);
  }
}
