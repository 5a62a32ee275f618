package org.liaison.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.liaison.gateway.testing.TestDatabase;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The publish path's group commit, on each database the gateway supports: concurrent callers share
 * one commit, each sees only its own failure, and none returns before its work is committed.
 */
class GroupCommitIT {

  private static final Instant T0 = Instant.parse("2026-12-05T21:00:00Z");

  private TestDatabase db;
  private GroupCommit commits;
  private JdbcClient jdbc;
  private DataSourceTransactionManager manager;
  private final ExecutorService callers = Executors.newFixedThreadPool(12);

  @AfterEach
  void close() throws Exception {
    callers.shutdownNow();
    if (commits != null) {
      commits.close();
    }
    if (db != null) {
      db.close();
    }
  }

  private void open(TestDatabase.Kind kind) {
    db = TestDatabase.create(kind);
    var connections = db.connections();
    manager = new DataSourceTransactionManager(connections);
    jdbc = JdbcClient.create(connections);
    commits = new GroupCommit(manager, 64);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void callersWhoArriveDuringACommitShareTheNextAndFindTheirWorkCommitted(TestDatabase.Kind kind)
      throws Exception {
    open(kind);
    var keys = new IdempotencyKeys(jdbc, commits.transactions());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Given a batch held open by its only unit
    Future<Boolean> first =
        callers.submit(
            () ->
                commits.execute(
                    status -> {
                      started.countDown();
                      await(release);
                      return keys.claim("p", "first", "h", UUID.randomUUID(), T0);
                    }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    // When ten more callers arrive meanwhile
    List<Future<Long>> others = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String key = "key-" + i;
      others.add(
          callers.submit(
              () -> {
                assertThat(keys.claim("p", key, "h", UUID.randomUUID(), T0)).isTrue();
                // Then its claim is committed when the call returns: another connection sees it.
                return count("idem_key = '" + sha256Hex(key) + "'");
              }));
    }
    waitUntil(() -> waiting() >= 11, "eleven callers wait");
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    for (Future<Long> other : others) {
      assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
    }
    assertThat(count("1 = 1")).isEqualTo(11);
    assertThat(commits.units()).isEqualTo(11);
    assertThat(commits.commits()).as("the ten shared one commit").isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aFailingUnitIsRolledBackTheOthersCommitAloneAndItsCallerGetsItsFailure(
      TestDatabase.Kind kind) throws Exception {
    open(kind);
    var keys = new IdempotencyKeys(jdbc, commits.transactions());
    CountDownLatch release = new CountDownLatch(1);
    holdTheCommitter(release);
    // Given in one batch: a claim, its twin's claim (a duplicate key), a unit that breaks after
    // writing, and another claim
    Future<Boolean> claim = callers.submit(() -> keys.claim("p", "k", "h", UUID.randomUUID(), T0));
    waitUntil(() -> waiting() >= 2, "the claim waits");
    Future<Boolean> twin = callers.submit(() -> keys.claim("p", "k", "h", UUID.randomUUID(), T0));
    IllegalStateException broken = new IllegalStateException("broken after its insert");
    Future<Object> breaking =
        callers.submit(
            () ->
                commits.execute(
                    status -> {
                      keys.claim("p", "written-then-broken", "h", UUID.randomUUID(), T0);
                      throw broken;
                    }));
    Future<Boolean> other = callers.submit(() -> keys.claim("p", "o", "h", UUID.randomUUID(), T0));
    waitUntil(() -> waiting() >= 5, "five callers wait");
    release.countDown();

    // Then
    assertThat(claim.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(twin.get(10, TimeUnit.SECONDS)).as("the twin finds the claim").isFalse();
    assertThatThrownBy(() -> breaking.get(10, TimeUnit.SECONDS)).hasCause(broken);
    assertThat(other.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(count("1 = 1"))
        .as("the claim and the other; nothing of the broken unit")
        .isEqualTo(2);
    assertThat(commits.commits())
        .as("the holder; then, the batch rolled back, the claim and the other alone")
        .isEqualTo(3);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void aDeadlocksLoserDoesNotTakeTheOthersWorkWithItAndIsRunAgain(TestDatabase.Kind kind)
      throws Exception {
    open(kind);
    var keys = new IdempotencyKeys(jdbc, commits.transactions());
    CountDownLatch release = new CountDownLatch(1);
    holdTheCommitter(release);
    // Given a batch whose first unit claims, and whose second loses a deadlock as H2 loses one:
    // the database rolls back the whole transaction, the first unit's claim with it
    Future<Boolean> first = callers.submit(() -> keys.claim("p", "l", "h", UUID.randomUUID(), T0));
    waitUntil(() -> waiting() >= 2, "the first unit waits");
    AtomicInteger tries = new AtomicInteger();
    Future<Boolean> loser =
        callers.submit(
            () ->
                commits.execute(
                    status -> {
                      boolean claimed = keys.claim("p", "u", "h", UUID.randomUUID(), T0);
                      if (tries.incrementAndGet() == 1) {
                        jdbc.sql("rollback").update();
                        throw new CannotAcquireLockException("Deadlock detected");
                      }
                      return claimed;
                    }));
    waitUntil(() -> waiting() >= 3, "three callers wait");
    release.countDown();

    // Then both claims are committed, the loser's on its second try
    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(loser.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(tries).hasValue(2);
    assertThat(count("1 = 1"))
        .as("the first unit's claim was not lost with the batch")
        .isEqualTo(2);
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void workInsideAnOpenTransactionStaysInIt(TestDatabase.Kind kind) {
    open(kind);
    var keys = new IdempotencyKeys(jdbc, commits.transactions());

    new TransactionTemplate(manager)
        .executeWithoutResult(
            status -> {
              assertThat(keys.claim("p", "inside", "h", UUID.randomUUID(), T0)).isTrue();
              status.setRollbackOnly();
            });

    assertThat(count("1 = 1")).as("rolled back with the caller's transaction").isZero();
    assertThat(commits.units()).as("the committer never saw it").isZero();
  }

  @ParameterizedTest
  @EnumSource(TestDatabase.Kind.class)
  void afterCloseWorkRunsOnItsCallersThread(TestDatabase.Kind kind) {
    open(kind);
    var keys = new IdempotencyKeys(jdbc, commits.transactions());
    commits.close();

    assertThat(keys.claim("p", "late", "h", UUID.randomUUID(), T0)).isTrue();
    assertThat(count("1 = 1")).isEqualTo(1);
  }

  /** Runs a unit that keeps the committer busy until {@code release}; returns once it runs. */
  private void holdTheCommitter(CountDownLatch release) throws InterruptedException {
    CountDownLatch started = new CountDownLatch(1);
    callers.submit(
        () ->
            commits.execute(
                status -> {
                  started.countDown();
                  return await(release);
                }));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
  }

  private long count(String where) {
    return jdbc.sql("select count(*) from idempotency_key where " + where)
        .query(Long.class)
        .single();
  }

  private static String sha256Hex(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return null;
  }

  /** Callers parked until their batch is over. */
  private static long waiting() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(e -> e.getKey().getState() == Thread.State.WAITING)
        .filter(
            e ->
                Arrays.stream(e.getValue())
                    .anyMatch(
                        f ->
                            f.getMethodName().equals("await")
                                && f.getClassName().endsWith("GroupCommit$Pending")))
        .count();
  }

  private static void waitUntil(Supplier<Boolean> condition, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!condition.get()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting until " + what);
      }
      Thread.sleep(5);
    }
  }
}
