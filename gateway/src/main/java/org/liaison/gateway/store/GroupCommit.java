package org.liaison.gateway.store;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Transactions of many request threads committed together: each caller's work runs, in the order it
 * came, inside one database transaction with the work of the callers waiting at the same time, and
 * every caller returns only after that transaction committed (or with the failure that undid its
 * work). The durability promise is unchanged (an answer follows a durable commit); what is shared
 * is the commit itself, which on H2 with no write delay is a file write of the changed pages and of
 * the store's chunk layout per commit, and on PostgreSQL a WAL flush.
 *
 * <p>Isolation between the callers of one group: each work runs in a nested transaction (a
 * savepoint), so a work that throws, or marks its transaction rollback-only, is undone alone and
 * its caller gets its own exception, as it would from a transaction of its own; the others are
 * committed. When the group's transaction itself fails (the database cannot be reached, the commit
 * fails), every caller of the group gets that failure and none of its work is stored.
 *
 * <p>Concurrency: one committer thread runs the groups one after the other; a group is what queued
 * while the previous one was committing, at most {@code maxGroup} works and {@code maxGroupBytes}
 * of the bytes they declare (see {@link #execute(long, TransactionCallback)}). No waiting is added
 * to form a group: an idle gateway commits each work at once. The queue is bounded ({@code
 * queueCapacity}); a caller that finds it full waits for room, which only a database slower than
 * the request threads can cause, and the request threads are bounded. A caller already inside a
 * transaction, the committer's own thread, and every caller after {@link #close()} run their work
 * directly in a transaction of their own (joining the one in progress).
 */
public final class GroupCommit implements TransactionOperations, AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  private final TransactionOperations transactions;
  private final TransactionOperations nested;
  private final int maxGroup;
  private final long maxGroupBytes;
  private final BlockingQueue<Work<?>> queue;
  private final Thread committer;
  private final LongAdder commits = new LongAdder();
  private final LongAdder works = new LongAdder();
  private volatile boolean closed;

  /**
   * @param transactions a transaction of its own ({@link
   *     TransactionDefinition#PROPAGATION_REQUIRED})
   * @param nested a savepoint inside it ({@link TransactionDefinition#PROPAGATION_NESTED}), on the
   *     same data source
   */
  public GroupCommit(
      TransactionOperations transactions,
      TransactionOperations nested,
      int maxGroup,
      long maxGroupBytes,
      int queueCapacity) {
    if (maxGroup < 1 || maxGroupBytes < 1 || queueCapacity < 1) {
      throw new IllegalArgumentException("a group holds at least one work, the queue one too");
    }
    this.transactions = transactions;
    this.nested = nested;
    this.maxGroup = maxGroup;
    this.maxGroupBytes = maxGroupBytes;
    this.queue = new ArrayBlockingQueue<>(queueCapacity);
    this.committer = new Thread(this::run, "group-commit");
    committer.setDaemon(true);
    committer.start();
  }

  @Override
  public <T> T execute(TransactionCallback<T> action) {
    return execute(0, action);
  }

  /**
   * As {@link #execute(TransactionCallback)}, for a work that writes about {@code bytes} (a sealed
   * notice, say): a group holds at most {@code maxGroupBytes} of such works (and at least one), so
   * that the database's uncommitted pages and the buffer it writes them from at the commit stay
   * bounded whatever the notices' size.
   */
  public <T> T execute(long bytes, TransactionCallback<T> action) {
    if (closed
        || Thread.currentThread() == committer
        || TransactionSynchronizationManager.isActualTransactionActive()) {
      return transactions.execute(action);
    }
    Work<T> work = new Work<>(action, bytes);
    boolean interrupted = false;
    try {
      while (true) {
        try {
          queue.put(work);
          break;
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (closed && queue.remove(work)) {
        // Closed while this work was queued: nobody will take it any more.
        return transactions.execute(action);
      }
      while (true) {
        try {
          return work.result.get();
        } catch (InterruptedException e) {
          // The work may commit after all: the caller must learn how it ended.
          interrupted = true;
        } catch (ExecutionException e) {
          throw rethrown(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Works waiting for the committer (for tests). */
  int queued() {
    return queue.size();
  }

  /** Database commits made so far. */
  public long commits() {
    return commits.sum();
  }

  /** Works committed or undone so far (the callers served). */
  public long works() {
    return works.sum();
  }

  private void run() {
    List<Work<?>> group = new ArrayList<>(maxGroup);
    while (!closed || !queue.isEmpty()) {
      try {
        Work<?> first = queue.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        group.add(first);
        long bytes = first.bytes;
        for (Work<?> next = queue.peek();
            next != null && group.size() < maxGroup && bytes + next.bytes <= maxGroupBytes;
            next = queue.peek()) {
          // Only this thread takes from the queue: the work peeked is the one polled.
          group.add(queue.poll());
          bytes += next.bytes;
        }
        commit(group);
      } catch (InterruptedException e) {
        // Nothing interrupts the committer; the loop ends once closed and the queue is empty.
      } catch (Throwable e) {
        // commit() answers every work of its group; this is a fault of the committer itself.
        log.error("Group commit failed outside a transaction", e);
        group.forEach(w -> w.result.completeExceptionally(e));
      } finally {
        group.clear();
      }
    }
  }

  private void commit(List<Work<?>> group) {
    try {
      transactions.executeWithoutResult(
          status -> {
            for (Work<?> work : group) {
              work.runIn(nested);
            }
          });
      commits.increment();
    } catch (RuntimeException | Error e) {
      // Nothing of the group is stored: the works that had succeeded learn it from the group's
      // failure, the others keep their own.
      for (Work<?> work : group) {
        work.failure = work.failure == null ? e : work.failure;
        work.value = null;
      }
    }
    for (Work<?> work : group) {
      work.answer();
    }
    works.add(group.size());
  }

  private static RuntimeException rethrown(Throwable failure) {
    if (failure instanceof RuntimeException e) {
      return e;
    }
    if (failure instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("the grouped transaction failed", failure);
  }

  /** Stops taking work; what is queued is still committed. */
  @Override
  public void close() {
    closed = true;
    // Not interrupted: a thread interrupted inside a file write closes the database's file
    // channel. The committer sees the flag within its 100 ms poll.
    try {
      committer.join(TimeUnit.SECONDS.toMillis(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Work<T> {
    final TransactionCallback<T> action;
    final long bytes;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;
    Throwable failure;

    Work(TransactionCallback<T> action, long bytes) {
      this.action = action;
      this.bytes = bytes;
    }

    void runIn(TransactionOperations nested) {
      try {
        value = nested.execute(action);
      } catch (RuntimeException | Error e) {
        failure = e;
      }
    }

    void answer() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }
  }
}
