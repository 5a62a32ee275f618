package org.liaison.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * The bound on request bodies worked on at once: an overload gets 503 OVERLOADED, never a queue.
 */
class InFlightLimitFilterTest {

  static MockHttpServletRequest post(long contentLength) {
    MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/notices");
    if (contentLength >= 0) {
      request.setContent(new byte[(int) contentLength]);
    }
    return request;
  }

  @Test
  void aRequestFindingNoRoomIsRefusedWithACodeAndTheRoomComesBack() throws Exception {
    // Room for two 1 MiB bodies.
    InFlightLimitFilter filter = new InFlightLimitFilter(2 << 20, 4 << 20, 10);
    List<Integer> inside = new ArrayList<>();
    MockHttpServletResponse third = new MockHttpServletResponse();
    FilterChain innermost = (req, res) -> inside.add(filter.availableKib());
    FilterChain second =
        (req, res) -> {
          inside.add(filter.availableKib());
          filter.doFilter(post(1 << 20), third, innermost);
        };
    FilterChain first =
        (req, res) -> filter.doFilter(post(1 << 20), new MockHttpServletResponse(), second);

    filter.doFilter(post(1 << 20), new MockHttpServletResponse(), first);

    assertThat(inside).as("the third never reached the application").containsExactly(0);
    assertThat(third.getStatus()).isEqualTo(503);
    assertThat(third.getHeader("Retry-After")).isEqualTo("1");
    assertThat(third.getContentAsString()).contains("\"code\":\"OVERLOADED\"");
    assertThat(filter.availableKib())
        .as("every admitted request gave its room back")
        .isEqualTo(2048);
  }

  @Test
  void aBodyWithoutALengthWeighsTheLargestAllowedAndSmallOnesWeighTheMinimum() throws Exception {
    InFlightLimitFilter filter = new InFlightLimitFilter(8 << 20, 4 << 20, 10);
    List<Integer> free = new ArrayList<>();

    filter.doFilter(
        post(-1), new MockHttpServletResponse(), (req, res) -> free.add(filter.availableKib()));
    filter.doFilter(
        post(2048), new MockHttpServletResponse(), (req, res) -> free.add(filter.availableKib()));

    assertThat(free).containsExactly(8192 - 4096, 8192 - 64);
  }

  @Test
  void requestsWithoutABodyAreNotCounted() throws Exception {
    InFlightLimitFilter filter = new InFlightLimitFilter(64 * 1024, 4 << 20, 10);
    MockHttpServletResponse response = new MockHttpServletResponse();
    List<Integer> free = new ArrayList<>();

    filter.doFilter(
        new MockHttpServletRequest("GET", "/api/v1/inbox"),
        response,
        (req, res) -> free.add(filter.availableKib()));

    assertThat(free).containsExactly(64);
    assertThat(response.getStatus()).isEqualTo(200);
  }
}
