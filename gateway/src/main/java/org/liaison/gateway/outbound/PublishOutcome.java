package org.liaison.gateway.outbound;

import java.util.List;
import java.util.UUID;

/** The answer of a publication: the notice id and what became of every copy. */
public record PublishOutcome(UUID noticeId, List<CopyResult> copies) {

  public PublishOutcome {
    copies = List.copyOf(copies);
  }

  /** Whether Kafka acknowledged every copy. */
  public boolean complete() {
    return copies.stream().allMatch(CopyResult::acknowledged);
  }

  public List<String> acknowledged() {
    return copies.stream().filter(CopyResult::acknowledged).map(CopyResult::recipient).toList();
  }

  public List<String> failed() {
    return copies.stream().filter(c -> !c.acknowledged()).map(CopyResult::recipient).toList();
  }
}
