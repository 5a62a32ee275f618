package org.liaison.gateway.inbound;

import java.time.Clock;
import org.liaison.gateway.store.InboxStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Removes notices past their expiry from the inboxes, leaving tombstones, on a schedule ({@code
 * liaison.expiry-sweep}).
 */
public class ExpirySweeper {

  private static final Logger log = LoggerFactory.getLogger(ExpirySweeper.class);

  private final InboxStore inbox;
  private final TransactionTemplate transactions;
  private final Clock clock;

  public ExpirySweeper(InboxStore inbox, TransactionTemplate transactions, Clock clock) {
    this.inbox = inbox;
    this.transactions = transactions;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${liaison.expiry-sweep:PT5M}", initialDelayString = "PT30S")
  public void sweep() {
    Integer removed = transactions.execute(status -> inbox.removeExpired(clock.instant()));
    if (removed != null && removed > 0) {
      log.info("Removed {} expired notices from the inboxes, leaving tombstones", removed);
    }
  }
}
