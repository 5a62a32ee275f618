package org.liaison.gateway.api;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@WebMvcTest(controllers = ProblemHandlerTest.Probe.class)
// The problem documents themselves, without the security filters (ApiSecurityIT covers those).
@AutoConfigureMockMvc(addFilters = false)
@Import({ProblemHandler.class, ProblemHandlerTest.Probe.class})
class ProblemHandlerTest {

  @RestController
  static class Probe {
    @GetMapping("/probe/refused")
    String refused() {
      throw new ApiProblem(
          HttpStatus.BAD_REQUEST,
          "NOTICE_INVALID",
          "The notice breaks 1 rule",
          Map.of("violations", List.of(Map.of("path", "$.recipients", "code", "NO_RECIPIENT"))));
    }

    @GetMapping("/probe/broken")
    String broken() {
      throw new IllegalStateException("secret internal state: key=abc");
    }

    @GetMapping("/probe/no-database")
    String noDatabase() {
      throw new CannotGetJdbcConnectionException(
          "Failed to obtain JDBC Connection",
          new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
    }

    @GetMapping("/probe/database-fault")
    String databaseFault() {
      throw new DataIntegrityViolationException("duplicate key value violates unique constraint");
    }

    @GetMapping("/probe/rejected")
    String rejected() {
      throw new RequestRejectedException(
          "The request was rejected because the parameter name \"secret-case-word\" is not allowed.");
    }

    @PostMapping(path = "/probe/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> echo(@RequestBody Map<String, Object> body) {
      return body;
    }
  }

  @Autowired MockMvc mvc;

  @Test
  void writesAnApiProblemWithItsCodeAndExtraMembers() throws Exception {
    mvc.perform(get("/probe/refused"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOTICE_INVALID"))
        .andExpect(jsonPath("$.type").value("urn:liaison:problem:notice-invalid"))
        .andExpect(jsonPath("$.status").value(400))
        .andExpect(jsonPath("$.violations[0].code").value("NO_RECIPIENT"));
  }

  @Test
  void aFirewallRejectionReadInTheApiIsA400WithoutTheValue() throws Exception {
    mvc.perform(get("/probe/rejected"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("REQUEST_REJECTED"))
        .andExpect(content().string(Matchers.not(Matchers.containsString("secret"))));
  }

  @Test
  void hidesTheInsidesOfAnUnexpectedError() throws Exception {
    mvc.perform(get("/probe/broken"))
        .andExpect(status().isInternalServerError())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("INTERNAL"))
        .andExpect(jsonPath("$.incident").isString())
        .andExpect(content().string(Matchers.not(Matchers.containsString("secret"))))
        .andExpect(content().string(Matchers.not(Matchers.containsString("IllegalState"))));
  }

  @Test
  void anUnreachableDatabaseIsA503ToRetryAndNotAnIncident() throws Exception {
    mvc.perform(get("/probe/no-database"))
        .andExpect(status().isServiceUnavailable())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(header().string("Retry-After", "5"))
        .andExpect(jsonPath("$.code").value("DATABASE_UNAVAILABLE"))
        .andExpect(jsonPath("$.incident").doesNotExist())
        .andExpect(content().string(Matchers.not(Matchers.containsString("Hikari"))));
  }

  @Test
  void aDatabaseThatAnswersWithAnErrorIsStillAnIncident() throws Exception {
    mvc.perform(get("/probe/database-fault"))
        .andExpect(status().isInternalServerError())
        .andExpect(jsonPath("$.code").value("INTERNAL"))
        .andExpect(jsonPath("$.incident").isString());
  }

  @Test
  void givesSpringsOwnRefusalsACodeToo() throws Exception {
    mvc.perform(post("/probe/echo").contentType(MediaType.APPLICATION_JSON).content("{not json"))
        .andExpect(status().isBadRequest())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("MALFORMED_REQUEST"))
        .andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString("Unexpected"))));
    mvc.perform(post("/probe/echo").contentType(MediaType.TEXT_PLAIN).content("x"))
        .andExpect(status().isUnsupportedMediaType())
        .andExpect(jsonPath("$.code").value("UNSUPPORTED_MEDIA_TYPE"));
    mvc.perform(post("/probe/refused"))
        .andExpect(status().isMethodNotAllowed())
        .andExpect(jsonPath("$.code").value("METHOD_NOT_ALLOWED"));
    mvc.perform(get("/probe/nowhere"))
        .andExpect(status().isNotFound())
        .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
        .andExpect(jsonPath("$.code").value("NOT_FOUND"));
  }
}
