package org.liaison.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

class GroupCommitTest {

  private final JdbcDataSource h2 = new JdbcDataSource();
  private volatile boolean reachable = true;
  private JdbcClient jdbc;
  private TransactionTemplate transactions;
  private GroupCommit group;
  private ExecutorService callers;

  @BeforeEach
  void open() {
    h2.setURL("jdbc:h2:mem:group-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    // A data source that can be cut off, as a stopped database server is.
    var source =
        new DelegatingDataSource(h2) {
          @Override
          public java.sql.Connection getConnection() throws java.sql.SQLException {
            if (!reachable) {
              throw new SQLTransientConnectionException("connection is not available");
            }
            return super.getConnection();
          }
        };
    jdbc = JdbcClient.create(source);
    jdbc.sql("create table t (id int primary key)").update();
    var manager = new DataSourceTransactionManager(source);
    transactions = new TransactionTemplate(manager);
    var nested = new TransactionTemplate(manager);
    nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    group = new GroupCommit(transactions, nested, 64, 1L << 20, 1024);
    callers = Executors.newFixedThreadPool(16);
  }

  @AfterEach
  void close() {
    callers.shutdownNow();
    group.close();
  }

  private int insert(int id) {
    return jdbc.sql("insert into t (id) values (:id)").param("id", id).update();
  }

  private List<Integer> stored() {
    return jdbc.sql("select id from t order by id").query(Integer.class).list();
  }

  /**
   * Holds the committer inside a first work until the others have queued, so that they form one
   * group; returns the first caller's future.
   */
  private Future<Integer> holdTheCommitter(CountDownLatch release) throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    Future<Integer> first =
        callers.submit(
            () ->
                group.execute(
                    status -> {
                      inside.countDown();
                      awaitRelease(release);
                      return insert(0);
                    }));
    assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private static void awaitRelease(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Waits until {@code works} callers wait behind the held committer. */
  private void untilQueued(int works) {
    await().atMost(Duration.ofSeconds(10)).until(() -> group.queued() == works);
  }

  @Test
  void callersWaitingTogetherShareOneCommitAndEachGetsItsOwnAnswer() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> first = holdTheCommitter(release);
    List<Future<Integer>> others = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      int id = i;
      others.add(callers.submit(() -> group.execute(status -> insert(id))));
    }
    untilQueued(10);
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    for (Future<Integer> other : others) {
      assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(stored()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    // The first work alone, then the ten that queued behind it together.
    assertThat(group.commits()).isEqualTo(2);
    assertThat(group.works()).isEqualTo(11);
  }

  /** A group holds no more declared bytes than its bound (and at least one work, however large). */
  @Test
  void aGroupHoldsAtMostItsBytes() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> first = holdTheCommitter(release);
    List<Future<Integer>> others = new ArrayList<>();
    long[] sizes = {400 << 10, 400 << 10, 400 << 10, 3 << 20, 100 << 10};
    for (int i = 0; i < sizes.length; i++) {
      int id = i + 1;
      long bytes = sizes[i];
      others.add(callers.submit(() -> group.execute(bytes, status -> insert(id))));
      untilQueued(id); // in this order in the queue
    }
    release.countDown();

    first.get(10, TimeUnit.SECONDS);
    for (Future<Integer> other : others) {
      assertThat(other.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    }
    assertThat(stored()).containsExactly(0, 1, 2, 3, 4, 5);
    // 1 MiB a group: the first alone; 400 + 400 KiB; 400 KiB (3 MiB more would pass the bound);
    // 3 MiB alone; 100 KiB.
    assertThat(group.commits()).isEqualTo(5);
  }

  @Test
  void aFailingWorkIsUndoneAloneAndItsCallerGetsItsOwnException() throws Exception {
    insert(5);
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> first = holdTheCommitter(release);
    Future<Integer> before = callers.submit(() -> group.execute(status -> insert(4)));
    untilQueued(1);
    Future<Integer> failing =
        callers.submit(
            () ->
                group.execute(
                    status -> {
                      insert(7); // undone with the rest of this work
                      return insert(5); // a key stored already
                    }));
    untilQueued(2);
    Future<Integer> rollbackOnly =
        callers.submit(
            () ->
                group.execute(
                    status -> {
                      insert(8);
                      status.setRollbackOnly();
                      return 0;
                    }));
    untilQueued(3);
    Future<Integer> after = callers.submit(() -> group.execute(status -> insert(6)));
    untilQueued(4);
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(before.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(after.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(rollbackOnly.get(10, TimeUnit.SECONDS)).isZero();
    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(DuplicateKeyException.class);
    assertThat(stored()).containsExactly(0, 4, 5, 6);
    assertThat(group.commits()).isEqualTo(2);
  }

  @Test
  void whenTheDatabaseCannotBeReachedEveryCallerOfTheGroupIsToldSoAndNothingIsStored()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    Future<Integer> first = holdTheCommitter(release);
    List<Future<Integer>> others = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      int id = i;
      others.add(callers.submit(() -> group.execute(status -> insert(id))));
    }
    untilQueued(5);
    reachable = false;
    release.countDown();

    assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    for (Future<Integer> other : others) {
      assertThatThrownBy(() -> other.get(10, TimeUnit.SECONDS))
          .satisfies(e -> assertThat(DatabaseFailures.unavailable(e.getCause())).isTrue());
    }
    reachable = true;
    assertThat(stored()).containsExactly(0);
    // The committer goes on once the database is back.
    assertThat(callers.submit(() -> group.execute(status -> insert(9))).get(10, TimeUnit.SECONDS))
        .isEqualTo(1);
    assertThat(stored()).containsExactly(0, 9);
  }

  @Test
  void aCallerInsideATransactionJoinsItAndAfterCloseEachCallerCommitsAlone() {
    assertThatThrownBy(
            () ->
                transactions.executeWithoutResult(
                    status -> {
                      group.execute(s -> insert(1));
                      throw new IllegalStateException("the outer transaction rolls back");
                    }))
        .isInstanceOf(IllegalStateException.class);
    assertThat(stored()).isEmpty();
    assertThat(group.works()).isZero();

    group.close();
    Integer inserted = group.execute(status -> insert(2));
    assertThat(inserted).isEqualTo(1);
    assertThat(stored()).containsExactly(2);
  }
}
