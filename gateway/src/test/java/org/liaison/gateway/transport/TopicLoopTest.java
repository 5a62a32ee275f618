package org.liaison.gateway.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.errors.FencedInstanceIdException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class TopicLoopTest {

  /**
   * Two gateways that host one unit under the same static member id: the later one's join fences
   * the earlier one, whose consumer can do nothing more. It stops, and says which setting to fix.
   */
  @Test
  void aConsumerFencedByAnotherGatewayWithItsInstanceIdStopsAndNamesTheSetting(
      CapturedOutput output) {
    var consumer = new MockConsumer<String, byte[]>("earliest");
    consumer.setPollException(new FencedInstanceIdException("fenced by a newer member"));

    var loop =
        new TopicLoop("liaison.notices.NL.NCB", consumer, r -> {}, () -> {}, Duration.ZERO).start();

    await().atMost(Duration.ofSeconds(10)).until(consumer::closed);
    loop.close();
    assertThat(output)
        .contains("Consumer of liaison.notices.NL.NCB STOPPED")
        .contains("liaison.kafka.instance-id");
  }
}
