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
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.TransactionException;
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
 * <p>Each unit of work in a batch of several runs under a savepoint: a unit that throws (a
 * duplicate key: a twin request's claim) is rolled back alone and its caller gets its exception;
 * the others commit. A unit that lost a lock to another transaction (a deadlock with a consumer
 * batch advancing the same copies) is run again alone after the batch. When the batch's commit
 * fails every caller in it gets the failure, and nothing of the batch was written.
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
  private final TransactionTemplate unit;
  private final BlockingQueue<Pending<?>> queue;
  private final int maxBatch;
  private final Thread committer;
  private final AtomicLong commits = new AtomicLong();
  private final AtomicLong units = new AtomicLong();
  private volatile boolean closed;

  /**
   * @param transactions the transaction manager of the stores' data source (it must allow nested
   *     transactions: savepoints)
   * @param maxBatch how many units one transaction takes at most
   */
  public GroupCommit(PlatformTransactionManager transactions, int maxBatch) {
    if (maxBatch < 1) {
      throw new IllegalArgumentException("maxBatch must be at least 1");
    }
    this.batch = new TransactionTemplate(transactions);
    this.unit = new TransactionTemplate(transactions);
    this.unit.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
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
    if (taken.size() == 1) {
      Pending<?> only = taken.get(0);
      try {
        only.runAlone(batch);
      } catch (PessimisticLockingFailureException e) {
        only.runAlone(batch); // a deadlock's loser: once more
      }
      commits.incrementAndGet();
      units.incrementAndGet();
      return;
    }
    try {
      batch.executeWithoutResult(
          status -> {
            for (Pending<?> p : taken) {
              p.runIn(unit);
            }
          });
    } catch (RuntimeException | Error e) {
      for (Pending<?> p : taken) {
        p.fail(e);
      }
      return;
    }
    commits.incrementAndGet();
    units.addAndGet(taken.size());
    List<Pending<?>> again = new ArrayList<>();
    for (Pending<?> p : taken) {
      if (p.lostLock()) {
        again.add(p);
      } else {
        p.complete();
      }
    }
    for (Pending<?> p : again) {
      p.runAlone(batch);
      commits.incrementAndGet();
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
    private RuntimeException failure;

    Pending(TransactionCallback<T> work) {
      this.work = work;
    }

    /** Runs under a savepoint of the batch's transaction; the outcome waits for the commit. */
    void runIn(TransactionTemplate savepoint) {
      try {
        result = savepoint.execute(work);
        failure = null;
      } catch (RuntimeException e) {
        failure = e;
      }
    }

    boolean lostLock() {
      return failure instanceof PessimisticLockingFailureException;
    }

    /** In a transaction of its own, answered at once. */
    void runAlone(TransactionTemplate transactions) {
      try {
        done.complete(transactions.execute(work));
      } catch (PessimisticLockingFailureException e) {
        throw e;
      } catch (RuntimeException | Error e) {
        done.completeExceptionally(e);
      }
    }

    /** After the batch's commit. */
    void complete() {
      if (failure != null) {
        done.completeExceptionally(failure);
      } else {
        done.complete(result);
      }
    }

    void fail(Throwable e) {
      done.completeExceptionally(failure != null ? failure : e);
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
