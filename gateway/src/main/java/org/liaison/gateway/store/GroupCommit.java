package org.liaison.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionException;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: the transactions that request threads hand in at about the same time are run one
 * after the other by one committer thread inside a single database transaction, and each caller
 * returns when that transaction has committed. With the database's write delay at 0 every commit
 * writes and syncs (H2: a chunk and its layout map; PostgreSQL: a WAL flush), and on the publish
 * path that commit, not the SQL, was the cost: sixteen requests at once now pay for one.
 *
 * <p>What a caller is promised is unchanged: {@link #execute} returns (or throws) only after its
 * work is committed (or rolled back), so an answer that vouches for a write is still given after
 * the write is durable. The batching is natural: no caller waits for others to arrive; the work
 * handed in while one batch commits forms the next.
 *
 * <p>A unit of work may run twice: it must do nothing but database work in the transaction it is
 * given. When a unit of a batch fails (a duplicate key: a twin request's claim; a deadlock with a
 * consumer batch advancing the same copies, on which H2 rolls back the whole transaction) or asks
 * for a rollback, the whole batch is rolled back and every unit is run again alone, in its own
 * transaction, in the order they came: the others commit, and the failing unit's caller gets its
 * own failure (a deadlock's loser is tried once more first). When the batch's commit fails every
 * caller in it gets that failure, and no unit is run again.
 *
 * <p>A crash (kill -9) of the process: a batch is one transaction, so it is committed whole or not
 * at all. A caller that was still waiting had answered nobody, so no promise was given for any of
 * the work that is lost; work of a batch that committed just before the crash is there although its
 * caller may not have answered, exactly as for a crash between an ordinary commit and the answer
 * (the idempotency key of the request then says what a retry finds).
 *
 * <p>Work handed in from a thread already inside a transaction runs there, in that transaction, as
 * it would without this class: its commit is its owner's to make. The queue is bounded; a caller
 * that finds it full waits for room (the callers are request threads, themselves bounded).
 */
public final class GroupCommit implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private final TransactionTemplate batch;
  private final BlockingQueue<Pending<?>> queue;
  private final int maxBatch;
  private final Thread committer;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong units = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param transactions the transaction manager of the stores' data source
   * @param maxBatch how many units one transaction takes at most
   */
  public GroupCommit(PlatformTransactionManager transactions, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.batch = new TransactionTemplate(transactions);
    this.maxBatch = maxBatch;
    this.queue = new ArrayBlockingQueue<>(Math.max(16, maxBatch * 4));
    this.committer = new Thread(this::run, "liaison-group-commit");
    this.committer.setDaemon(true);
    this.committer.start();
  }

  /**
   * This group commit as the stores take transactions. Not the class itself: a bean of type {@link
   * TransactionOperations} would take the place of Spring Boot's own {@code TransactionTemplate}.
   */
  public TransactionOperations transactions() {
    return this::execute;
  }

  /**
   * Runs {@code work} in a transaction shared with other callers' and returns its result once that
   * transaction has committed; throws what {@code work} threw (its part rolled back), or the
   * commit's failure.
   */
  public <T> T execute(TransactionCallback<T> work) throws TransactionException {
    if (closed
        || Thread.currentThread() == committer
        || TransactionSynchronizationManager.isActualTransactionActive()) {
      return batch.execute(work);
    }
    Pending<T> pending = new Pending<>(work);
    boolean interrupted = false;
    while (true) {
      try {
        queue.put(pending);
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (closed && queue.remove(pending)) {
      // The committer may have drained the queue for the last time before this was put.
      restoreInterrupt(interrupted);
      return batch.execute(work);
    }
    try {
      return pending.await();
    } finally {
      restoreInterrupt(interrupted);
    }
  }

  /** Commits made so far (each a batch of one or more units). */
  public long commits() {
    return commits.get();
  }

  /** Units of work committed or refused so far. */
  public long units() {
    return units.get();
  }

  /** Commits what was handed in and stops the committer; later work runs on its caller's thread. */
  @Override
  public void close() {
    closed = true;
    try {
      committer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    List<Pending<?>> taken = new ArrayList<>(maxBatch);
    while (true) {
      Pending<?> first;
      try {
        first = queue.poll(50, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null) {
        if (closed && queue.isEmpty()) {
          return;
        }
        continue;
      }
      taken.add(first);
      queue.drainTo(taken, maxBatch - 1);
      try {
        commit(taken);
      } catch (Throwable e) {
        // Never leave a caller waiting: whatever went wrong is its answer.
        for (Pending<?> p : taken) {
          p.fail(e);
        }
        log.error("Group commit of {} units failed", taken.size(), e);
      }
      taken.clear();
    }
  }

  private void commit(List<Pending<?>> taken) {
    units.addAndGet(taken.size());
    if (taken.size() == 1) {
      runAlone(taken.get(0));
      return;
    }
    boolean together;
    try {
      together =
          Boolean.TRUE.equals(
              batch.execute(
                  status -> {
                    for (Pending<?> p : taken) {
                      if (!p.runIn(status)) {
                        // Its failure may have ended the transaction under the others' work (H2
                        // rolls a deadlock's whole transaction back): none of it is kept.
                        status.setRollbackOnly();
                        return false;
                      }
                    }
                    return true;
                  }));
    } catch (RuntimeException | Error e) {
      // The commit failed: nothing of the batch is known to be written, and it may have been,
      // so no unit is run again (a repeated claim would find itself); each caller hears of it.
      for (Pending<?> p : taken) {
        p.fail(e);
      }
      return;
    }
    if (together) {
      commits.incrementAndGet();
      for (Pending<?> p : taken) {
        p.complete();
      }
      return;
    }
    for (Pending<?> p : taken) {
      runAlone(p);
    }
  }

  /** In a transaction of its own, answered at once; a deadlock's loser tries once more. */
  private void runAlone(Pending<?> p) {
    for (int attempt = 1; ; attempt++) {
      try {
        p.answer(batch.execute(p.work));
        commits.incrementAndGet();
        return;
      } catch (PessimisticLockingFailureException e) {
        if (attempt == 2) {
          p.fail(e);
          return;
        }
      } catch (RuntimeException | Error e) {
        p.fail(e);
        return;
      }
    }
  }

  private static void restoreInterrupt(boolean interrupted) {
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  /** One caller's work and, once the batch is over, its result. */
  private static final class Pending<T> {

    private final TransactionCallback<T> work;
    private final CompletableFuture<T> done = new CompletableFuture<>();
    private T result;

    Pending(TransactionCallback<T> work) {
      this.work = work;
    }

    /**
     * Runs in the batch's transaction; false when the work failed or asked for a rollback (the
     * batch is then rolled back and every unit run alone). The outcome waits for the commit.
     */
    boolean runIn(TransactionStatus batch) {
      try {
        result = work.doInTransaction(batch);
        return !batch.isRollbackOnly();
      } catch (RuntimeException e) {
        return false;
      }
    }

    /** After the batch's commit. */
    void complete() {
      done.complete(result);
    }

    @SuppressWarnings("unchecked")
    void answer(Object value) {
      done.complete((T) value);
    }

    void fail(Throwable e) {
      done.completeExceptionally(e);
    }

    T await() {
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return done.get();
          } catch (InterruptedException e) {
            // The work may be committing: the caller must learn how it ended.
            interrupted = true;
          } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
              throw r;
            }
            if (cause instanceof Error error) {
              throw error;
            }
            throw new IllegalStateException(cause);
          }
        }
      } finally {
        restoreInterrupt(interrupted);
      }
    }
  }
}
