package org.liaison.gateway.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.liaison.gateway.store.RecipientState.DELIVERED;
import static org.liaison.gateway.store.RecipientState.FAILED;
import static org.liaison.gateway.store.RecipientState.PENDING;
import static org.liaison.gateway.store.RecipientState.READ;
import static org.liaison.gateway.store.RecipientState.REJECTED;
import static org.liaison.gateway.store.RecipientState.SENT;

import org.junit.jupiter.api.Test;

class RecipientStateTest {

  @Test
  void aFailedCopyMovesOnWhenARetryOrALateReceiptShowsItWentOut() {
    assertThat(SENT.predecessors()).as("a retry Kafka acknowledged").contains(FAILED);
    assertThat(DELIVERED.predecessors())
        .as("a copy taken without a timely answer")
        .contains(FAILED);
    assertThat(READ.predecessors()).contains(FAILED);
    assertThat(REJECTED.predecessors()).contains(FAILED);
  }

  @Test
  void nothingMovesBack() {
    assertThat(FAILED.predecessors()).containsExactly(PENDING);
    assertThat(SENT.predecessors()).doesNotContain(DELIVERED, READ, REJECTED);
    assertThat(DELIVERED.predecessors()).doesNotContain(READ, REJECTED);
    assertThat(PENDING.predecessors()).isEmpty();
    for (RecipientState s : RecipientState.values()) {
      assertThat(s.predecessors()).as("%s", s).doesNotContain(s);
    }
  }
}
