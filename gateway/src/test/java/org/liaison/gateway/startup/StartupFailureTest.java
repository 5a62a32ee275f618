package org.liaison.gateway.startup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.liaison.gateway.LiaisonGatewayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A production gateway started without its units: one Description and one Action, as Spring Boot's
 * failure analysis prints them, and no stack trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupFailureTest {

  @Test
  void aMissingSettingIsAFailureAnalysisWithoutAStackTrace(
      @TempDir Path folder, CapturedOutput output) {
    assertThatThrownBy(
            () ->
                new SpringApplicationBuilder(LiaisonGatewayApplication.class)
                    .run(
                        "--liaison.development.enabled=false",
                        "--server.port=0",
                        "--spring.main.banner-mode=off",
                        "--liaison.data-dir=" + folder,
                        "--spring.datasource.url=jdbc:h2:file:" + folder.resolve("db/gateway"),
                        "--liaison.security.allow-plain-http=true",
                        "--liaison.kafka.tls.enabled=false"))
        .hasRootCauseInstanceOf(InvalidSettingException.class);

    String printed = output.getAll();
    assertThat(printed)
        .contains("APPLICATION FAILED TO START")
        .contains(
            "Description:",
            "The setting liaison.units is empty: a production gateway must host at least one unit")
        .contains("Action:", "liaison.units[0].id");
    assertThat(printed.split("Description:", -1)).hasSize(2);
    assertThat(printed.split("Action:", -1)).hasSize(2);
    assertThat(printed).doesNotContainPattern("\\n\\s+at [a-z]+\\.");
  }
}
